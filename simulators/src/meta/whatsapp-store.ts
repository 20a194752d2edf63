import { SlidingWindowCounter, TokenBuckets } from './rate-limits.ts';
import type { WaStatusName } from './webhook-payloads.ts';

/** Who pays for a message, as the `pricing.category` of its statuses says. */
export type MessageCategory = 'service' | 'marketing' | 'utility' | 'authentication';

export interface SentWhatsAppMessage {
	id: string;
	phoneNumberId: string;
	/** The recipient's wa_id (digits). */
	to: string;
	type: string;
	category: MessageCategory;
	/** Whether the customer-service window was open when it was sent. */
	inWindow: boolean;
	request: Record<string, unknown>;
	bizOpaqueCallbackData?: string;
	createdAt: number;
	statuses: WaStatusName[];
}

/** WhatsApp Cloud state: sent messages, customer-service windows, throughput and pair-rate counters. */
export class WhatsAppStore {
	readonly messages = new Map<string, SentWhatsAppMessage>();
	readonly throughput = new SlidingWindowCounter();
	readonly throughputBuckets = new TokenBuckets();
	/** Sends refused for throughput (130429) and pair rate (131056), per phone-number id. */
	readonly refused = new Map<string, { throughput: number; pairRate: number }>();
	/** Sends so far to each recipient with an injected failure (for its `times`). */
	readonly failureHits = new Map<string, number>();
	readonly pairs = new TokenBuckets();
	/** WABA id → override_callback_uri set through POST /{waba}/subscribed_apps. */
	readonly callbackOverrides = new Map<string, string>();
	/** Inbound wamids the business marked as read. */
	readonly readMarks = new Set<string>();
	private readonly lastInbound = new Map<string, number>();

	countRefusal(phoneNumberId: string, kind: 'throughput' | 'pairRate'): void {
		const counts = this.refused.get(phoneNumberId) ?? { throughput: 0, pairRate: 0 };
		counts[kind] += 1;
		this.refused.set(phoneNumberId, counts);
	}

	/** A customer message (or call) opens or resets the 24-hour window; our own sends do not. */
	recordInbound(phoneNumberId: string, waId: string, at: number): void {
		this.lastInbound.set(`${phoneNumberId}:${waId}`, at);
	}

	windowOpen(phoneNumberId: string, waId: string, now: number, windowMs: number): boolean {
		const last = this.lastInbound.get(`${phoneNumberId}:${waId}`);
		return last !== undefined && now - last < windowMs;
	}

	clear(): void {
		this.messages.clear();
		this.throughput.clear();
		this.throughputBuckets.clear();
		this.failureHits.clear();
		this.refused.clear();
		this.pairs.clear();
		this.callbackOverrides.clear();
		this.readMarks.clear();
		this.lastInbound.clear();
	}
}
