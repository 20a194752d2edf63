// What the webhook endpoint can conclude about a delivery, and the envelope it answers with.
import { z } from 'zod/v4';
import type { ChatwootSignatureFailure } from '../../chatwoot/signature.ts';
import type { BotSkipReason } from '../../chatwoot/webhook-payload.ts';

const SIGNATURE_FAILURES = [
	'missing',
	'malformed',
	'bad_signature',
	'stale',
] as const satisfies readonly ChatwootSignatureFailure[];

/** Refused with a 4xx before anything is written. */
export const REJECT_REASONS = [
	...SIGNATURE_FAILURES,
	'invalid_json',
	/** Nested deeper than MAX_JSON_DEPTH: no Chatwoot payload is, and deep input costs stack. */
	'too_deep',
	'invalid_payload',
	'too_large',
	'unreadable_body',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/**
 * Dropped for reasons other than botSkipReason's. `incomplete`: a customer message without the
 * conversation it belongs to, kept in the ledger (with the missing fields) for a person to see.
 * `deleted`: the customer deleted the message before it was forwarded, so it is never triaged.
 * `late_update`: an edit or deletion that came after its message left the queue (forwarded or
 * dropped), recorded only: the triage, if any, already read the message.
 */
export const OTHER_DROP_REASONS = [
	'not_message_event',
	'incomplete',
	'deleted',
	'late_update',
] as const;
export type DropReason = BotSkipReason | (typeof OTHER_DROP_REASONS)[number];

export type WebhookSource = 'agent_bot' | 'account';

export type WebhookOutcome =
	| { kind: 'rejected'; status: 400 | 401 | 413; reason: RejectReason; issues?: string[] }
	| { kind: 'dropped'; reason: DropReason; source: WebhookSource; ledgerId: number | null }
	| { kind: 'duplicate'; source: WebhookSource; ledgerId: number }
	/** An edit of a message still waiting in its batch: the triage will read the new text. */
	| { kind: 'revised'; source: WebhookSource; ledgerId: number }
	| { kind: 'queued'; source: WebhookSource; ledgerId: number; dueAt: Date | null }
	/** contact_updated changing the Stage attribute: an agent's move recorded, ignored or refused. */
	| {
			kind: 'stage';
			source: WebhookSource;
			result: 'recorded' | 'ignored' | 'refused';
			/** Where the contact is now, by the log. */
			stage: string;
			/** Why it was ignored: not_a_stage, unchanged, own_echo. */
			reason?: string;
	  };

/** What the service needs from the request: the exact bytes and Chatwoot's headers. */
export interface WebhookDelivery {
	rawBody: Buffer;
	signature: string | undefined;
	timestamp: string | undefined;
	deliveryId: string | undefined;
}

/** Just enough to route a delivery: `event`, when the body is an object that has one. */
export const webhookEnvelopeSchema = z.object({ event: z.string() });

export const MESSAGE_EVENTS = new Set(['message_created', 'message_updated']);

/** Chatwoot's payloads nest about 8 deep; custom attributes add a few. */
export const MAX_JSON_DEPTH = 64;
