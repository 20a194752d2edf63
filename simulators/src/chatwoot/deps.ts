import type { Clock } from './clock.ts';
import type { EventSink } from './events.ts';
import type { ChatwootState } from './state.ts';
import type { ChatwootVersion } from './version.ts';
import type { WorkQueue } from './work-queue.ts';

/** What the domain functions work with: the store, the clock, and where events go. */
export interface SimDeps {
	state: ChatwootState;
	clock: Clock;
	events: EventSink;
	/** Background jobs (Sidekiq's part): what runs after the request has been answered. */
	work: WorkQueue;
	/** Whether an outgoing WhatsApp message later gets a wamid and a message_updated (SendReplyJob). */
	simulateWhatsappSend: boolean;
	/** The release whose rules apply; POST /__sim/chatwoot-version changes it while running. */
	chatwootVersion: ChatwootVersion;
}

/** Presenters only read. */
export type ViewDeps = Pick<SimDeps, 'state' | 'clock'>;
