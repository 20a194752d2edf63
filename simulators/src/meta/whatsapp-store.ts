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
	readonly pairs = new TokenBuckets();
	/** WABA id → override_callback_uri set through POST /{waba}/subscribed_apps. */
	readonly callbackOverrides = new Map<string, string>();
	/** Inbound wamids the business marked as read. */
	readonly readMarks = new Set<string>();
	private readonly lastInbound = new Map<string, number>();

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
		this.pairs.clear();
		this.callbackOverrides.clear();
		this.readMarks.clear();
		this.lastInbound.clear();
	}
}
