// A Chatwoot delivery from raw bytes to a ledger row: verify, parse, classify, record. Nothing is
// written before the signature holds; the ledger write finishes before the caller answers 200.
import {
	inboundAccountId,
	inboundInboxId,
	isInboundCustomerMessage,
	missingInboundFields,
	readInboundMessage,
} from '../../chatwoot/inbound-message.ts';
import { optOutCommand, type OptOutKeywords } from '../../audience/opt-out.ts';
import { botSkipReason } from '../../chatwoot/webhook-payload.ts';
import { enqueueInboundEvent, type TransactionPool } from '../../log-store/ledger-queue.ts';
import { recordInboundEvent, type Queryable } from '../../log-store/repository.ts';
import type { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import { nestsDeeperThan } from './json-depth.ts';
import { handleContactUpdate, type ContactUpdateDeps } from './contact-update.ts';
import { droppedEntry, queuedEntry, type EntryContext } from './ledger-entry.ts';
import { handleMessageUpdate, isDeletion } from './message-update.ts';
import { checkSignature, type WebhookSecrets } from './signature-check.ts';
import {
	MAX_JSON_DEPTH,
	MESSAGE_EVENTS,
	webhookEnvelopeSchema,
	type DropReason,
	type WebhookDelivery,
	type WebhookOutcome,
	type WebhookSource,
} from './webhook.model.ts';

export interface WebhookServiceDeps {
	pool: TransactionPool & Queryable;
	metrics: GatewayMetrics;
	secrets: WebhookSecrets;
	toleranceSeconds: number;
	debounce: { debounceMs: number; maxWaitMs: number };
	clock: () => Date;
	/** CHATWOOT_ACCOUNT_ID: the account of a payload that names none. */
	accountId?: number | null;
	/** Told when a message was queued, so the forwarder can wake when it is due. */
	onQueued?: (dueAt: Date | null) => void;
	logger?: ContactUpdateDeps['logger'];
	/**
	 * Marketing's opt-out and opt-in words (cached by the caller): a message of a conversation a
	 * person has that is exactly one of them is queued for workflow 01's opt-out step instead of
	 * dropped. Without it, or when it fails, such a message is dropped like any other.
	 */
	optOutKeywords?: () => Promise<readonly OptOutKeywords[]>;
}

// X-Chatwoot-Delivery is a UUID; anything unreasonable is ignored rather than stored.
const DELIVERY_ID = /^[\w-]{1,200}$/;

export function createWebhookService(deps: WebhookServiceDeps) {
	const { metrics } = deps;

	function reject(outcome: Extract<WebhookOutcome, { kind: 'rejected' }>): WebhookOutcome {
		metrics.rejected.inc({ reason: outcome.reason });
		return outcome;
	}

	return {
		async handle(delivery: WebhookDelivery): Promise<WebhookOutcome> {
			const signed = checkSignature({
				secrets: deps.secrets,
				rawBody: delivery.rawBody,
				signature: delivery.signature,
				timestamp: delivery.timestamp,
				now: deps.clock(),
				toleranceSeconds: deps.toleranceSeconds,
			});
			if (!signed.ok) return reject({ kind: 'rejected', status: 401, reason: signed.reason });
			const { source } = signed;

			if (nestsDeeperThan(delivery.rawBody, MAX_JSON_DEPTH)) {
				return reject({ kind: 'rejected', status: 400, reason: 'too_deep' });
			}
			let json: unknown;
			try {
				json = JSON.parse(delivery.rawBody.toString('utf8'));
			} catch {
				return reject({ kind: 'rejected', status: 400, reason: 'invalid_json' });
			}
			const envelope = webhookEnvelopeSchema.safeParse(json);
			// An agent may have changed the contact's Stage: the stages record it, nothing is queued.
			if (envelope.success && envelope.data.event === 'contact_updated') {
				return handleContactUpdate(deps, json, source);
			}
			// Signed JSON that is not a message event (another event, or no event at all) is not ours.
			if (!envelope.success || !MESSAGE_EVENTS.has(envelope.data.event)) {
				metrics.dropped.inc({ reason: 'not_message_event' });
				return { kind: 'dropped', reason: 'not_message_event', source, ledgerId: null };
			}
			const read = readInboundMessage(json);
			if (!read.ok) {
				return reject({
					kind: 'rejected',
					status: 400,
					reason: 'invalid_payload',
					issues: read.issues,
				});
			}
			const message = read.message;
			const accountId = inboundAccountId(message) ?? deps.accountId ?? null;
			if (accountId === null) {
				// The ledger is per account; without one there is nowhere to record it.
				return reject({
					kind: 'rejected',
					status: 400,
					reason: 'invalid_payload',
					issues: ['account.id: missing'],
				});
			}
			const context: EntryContext = {
				source,
				deliveryId:
					delivery.deliveryId && DELIVERY_ID.test(delivery.deliveryId) ? delivery.deliveryId : null,
				accountId,
				inboxId: inboundInboxId(message),
				missing: isInboundCustomerMessage(message) ? missingInboundFields(message) : [],
			};

			if (message.event === 'message_updated') {
				return handleMessageUpdate(deps, message, isDeletion(json), context);
			}

			const skip = botSkipReason(message);
			const optOutOnly = skip === 'conversation_not_pending' && (await isOptOutWord(message));
			if ((skip && !optOutOnly) || message.conversation.id === null) {
				const reason: DropReason = skip ?? 'incomplete';
				let ledgerId: number | null = null;
				if (isInboundCustomerMessage(message)) {
					const recorded = await recordInboundEvent(
						deps.pool,
						droppedEntry(message, context, reason),
					);
					if (recorded.duplicate) return duplicate(source, recorded.id);
					ledgerId = recorded.id;
				}
				metrics.dropped.inc({ reason });
				return { kind: 'dropped', reason, source, ledgerId };
			}

			const queued = await enqueueInboundEvent(
				deps.pool,
				queuedEntry(message, context, { optOutOnly }),
				deps.debounce,
			);
			if (queued.duplicate) return duplicate(source, queued.id);
			metrics.queued.inc({ source });
			deps.onQueued?.(queued.dueAt);
			return { kind: 'queued', source, ledgerId: queued.id, dueAt: queued.dueAt };
		},
	};

	/**
	 * Whether a person's conversation must still hear this message: an opt-out (or opt-in) word
	 * stops broadcasts whoever owns the conversation. Words unreadable (Directus down, never read):
	 * dropped as before, and the log says so.
	 */
	async function isOptOutWord(message: { content: string | null }): Promise<boolean> {
		if (!deps.optOutKeywords || !message.content?.trim()) return false;
		try {
			return optOutCommand(message.content, await deps.optOutKeywords()) !== null;
		} catch (error) {
			deps.logger?.warn(
				'gateway: could not read the opt-out words; a handed-off message is dropped unchecked',
				{
					error: error instanceof Error ? error.message : String(error),
				},
			);
			return false;
		}
	}

	function duplicate(source: WebhookSource, ledgerId: number): WebhookOutcome {
		metrics.deduplicated.inc();
		return { kind: 'duplicate', source, ledgerId };
	}
}
export type WebhookService = ReturnType<typeof createWebhookService>;
