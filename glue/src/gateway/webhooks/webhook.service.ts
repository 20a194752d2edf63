// A Chatwoot delivery from raw bytes to a ledger row: verify, parse, classify, record. Nothing is
// written before the signature holds; the ledger write finishes before the caller answers 200.
import {
	botSkipReason,
	isCustomerMessage,
	messageEventSchema,
} from '../../chatwoot/webhook-payload.ts';
import { enqueueInboundEvent, type TransactionPool } from '../../log-store/ledger-queue.ts';
import { recordInboundEvent, type Queryable } from '../../log-store/repository.ts';
import type { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import { droppedEntry, queuedEntry } from './ledger-entry.ts';
import { checkSignature, type WebhookSecrets } from './signature-check.ts';
import {
	MESSAGE_EVENTS,
	webhookEnvelopeSchema,
	type WebhookDelivery,
	type WebhookOutcome,
} from './webhook.model.ts';

export interface WebhookServiceDeps {
	pool: TransactionPool & Queryable;
	metrics: GatewayMetrics;
	secrets: WebhookSecrets;
	toleranceSeconds: number;
	debounce: { debounceMs: number; maxWaitMs: number };
	clock: () => Date;
	/** Told when a message was queued, so the forwarder can wake when it is due. */
	onQueued?: (dueAt: Date | null) => void;
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

			let json: unknown;
			try {
				json = JSON.parse(delivery.rawBody.toString('utf8'));
			} catch {
				return reject({ kind: 'rejected', status: 400, reason: 'invalid_json' });
			}
			const envelope = webhookEnvelopeSchema.safeParse(json);
			if (!envelope.success) {
				return reject({
					kind: 'rejected',
					status: 400,
					reason: 'invalid_payload',
					issues: ['event: required'],
				});
			}
			if (!MESSAGE_EVENTS.has(envelope.data.event)) {
				metrics.dropped.inc({ reason: 'not_message_event' });
				return { kind: 'dropped', reason: 'not_message_event', source, ledgerId: null };
			}
			const parsed = messageEventSchema.safeParse(json);
			if (!parsed.success) {
				// Paths only: the messages could quote the customer's text.
				const issues = parsed.error.issues.map((issue) => issue.path.join('.') || '(body)');
				return reject({ kind: 'rejected', status: 400, reason: 'invalid_payload', issues });
			}
			const payload = parsed.data;
			const deliveryId =
				delivery.deliveryId && DELIVERY_ID.test(delivery.deliveryId) ? delivery.deliveryId : null;

			const skip = botSkipReason(payload);
			if (skip) {
				let ledgerId: number | null = null;
				if (isCustomerMessage(payload)) {
					const recorded = await recordInboundEvent(
						deps.pool,
						droppedEntry(payload, source, deliveryId, skip),
					);
					if (recorded.duplicate) {
						metrics.deduplicated.inc();
						return { kind: 'duplicate', source, ledgerId: recorded.id };
					}
					ledgerId = recorded.id;
				}
				metrics.dropped.inc({ reason: skip });
				return { kind: 'dropped', reason: skip, source, ledgerId };
			}

			const entry = queuedEntry(payload, envelope.data, source, deliveryId);
			const queued = await enqueueInboundEvent(deps.pool, entry, deps.debounce);
			if (queued.duplicate) {
				metrics.deduplicated.inc();
				return { kind: 'duplicate', source, ledgerId: queued.id };
			}
			metrics.queued.inc({ source });
			deps.onQueued?.(queued.dueAt);
			return { kind: 'queued', source, ledgerId: queued.id, dueAt: queued.dueAt };
		},
	};
}
export type WebhookService = ReturnType<typeof createWebhookService>;
