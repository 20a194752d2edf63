// Meta's WhatsApp webhook from raw bytes to stored rows: verify X-Hub-Signature-256 over exactly
// what arrived, split the body into one item per message and status, and store the body and the
// items in one statement before the caller answers 200 (Meta keeps no history to fetch again).
import { verifyMetaSignature } from '../../meta/signature.ts';
import { splitWhatsAppWebhook, type MetaDropReason } from '../../meta/whatsapp-webhook.ts';
import type { Queryable } from '../../log-store/repository.ts';
import { signaturesMatch } from '../../common/hmac.ts';
import type { GatewayLogger } from '../common/logger.ts';
import type { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import { nestsDeeperThan } from '../webhooks/json-depth.ts';
import { createStoreBatcher } from './store-batcher.ts';

export interface MetaWebhookServiceDeps {
	pool: Queryable;
	logger: GatewayLogger;
	metrics?: GatewayMetrics;
	appSecret: string;
	verifyToken: string;
	/**
	 * Whether a status is of a message we sent ourselves (a broadcast), by its
	 * biz_opaque_callback_data: Chatwoot never saw those messages, so their statuses stay here.
	 */
	isOwnSend?: (callbackData: string) => boolean;
	/**
	 * Display numbers (digits) we have inboxes for: an item for any other is stored and dropped
	 * (`unknown_number`), not posted to Chatwoot. Unset: every number is forwarded.
	 */
	knownNumbers?: ReadonlySet<string>;
	/** Told after a body was stored, so the forwarder and the status applier look now. */
	onStored?: (stored: { forwardable: number; statuses: number }) => void;
}

export type MetaWebhookOutcome =
	| { kind: 'rejected'; status: 400 | 401; reason: 'bad_signature' | 'invalid_json' | 'too_deep' }
	| {
			kind: 'stored';
			webhookId: number;
			/** Items written now (a repeat of a stored item is not). */
			stored: number;
			duplicates: number;
			/** Items stored but not forwarded to Chatwoot, by reason. */
			dropped: Partial<Record<MetaDropReason, number>>;
	  };

// Meta's payloads nest about 8 deep; this only stops bodies built to exhaust the stack.
const MAX_JSON_DEPTH = 64;

export function createMetaWebhookService(deps: MetaWebhookServiceDeps) {
	const batcher = createStoreBatcher(deps.pool);
	const warnedNumbers = new Set<string>();
	return {
		/** The GET handshake (reference/meta.md §1.1): the challenge back, byte for byte, or null. */
		handshake(query: Record<string, unknown>): string | null {
			const mode = query['hub.mode'];
			const token = query['hub.verify_token'];
			const challenge = query['hub.challenge'];
			if (mode !== 'subscribe' || typeof token !== 'string' || typeof challenge !== 'string') {
				return null;
			}
			return signaturesMatch(
				Buffer.from(deps.verifyToken).toString('hex'),
				Buffer.from(token).toString('hex'),
			)
				? challenge
				: null;
		},

		async handle(rawBody: Buffer, signature: string | undefined): Promise<MetaWebhookOutcome> {
			const outcome = await this.store(rawBody, signature);
			const { metrics } = deps;
			if (metrics) {
				metrics.metaReceived.inc({
					outcome: outcome.kind === 'stored' ? 'stored' : outcome.reason,
				});
				if (outcome.kind === 'stored') {
					for (const [reason, count] of Object.entries(outcome.dropped)) {
						metrics.metaDropped.inc({ reason }, count);
					}
				}
			}
			return outcome;
		},

		async store(rawBody: Buffer, signature: string | undefined): Promise<MetaWebhookOutcome> {
			if (rawBody.length === 0 || !verifyMetaSignature(deps.appSecret, rawBody, signature)) {
				return { kind: 'rejected', status: 401, reason: 'bad_signature' };
			}
			if (nestsDeeperThan(rawBody, MAX_JSON_DEPTH)) {
				return { kind: 'rejected', status: 400, reason: 'too_deep' };
			}
			const body = rawBody.toString('utf8');
			let json: unknown;
			try {
				json = JSON.parse(body);
			} catch {
				return { kind: 'rejected', status: 400, reason: 'invalid_json' };
			}
			const items = splitWhatsAppWebhook(json).map((item) => {
				if (item.dropReason) return item;
				if (item.kind === 'status' && item.callbackData && deps.isOwnSend?.(item.callbackData)) {
					return { ...item, dropReason: 'own_send' as const };
				}
				if (deps.knownNumbers && item.displayNumber && !deps.knownNumbers.has(item.displayNumber)) {
					return { ...item, dropReason: 'unknown_number' as const };
				}
				return item;
			});
			const recorded = await batcher.store({ body, items });
			const dropped: Partial<Record<MetaDropReason, number>> = {};
			for (const event of recorded.events) {
				deps.metrics?.metaItems.inc({ kind: event.kind });
				const reason = event.dropReason as MetaDropReason | null;
				if (reason) dropped[reason] = (dropped[reason] ?? 0) + 1;
			}
			for (const item of items) {
				if (item.dropReason === 'unknown_number' && !warnedNumbers.has(item.displayNumber!)) {
					// Once per number and process: a misdirected WABA would otherwise log every event.
					warnedNumbers.add(item.displayNumber!);
					deps.logger.warn(
						'gateway: Meta event for a number chatwoot/config does not list, dropped',
						{
							displayNumber: item.displayNumber,
							phoneNumberId: item.phoneNumberId,
						},
					);
				}
				if (item.dropReason === 'errors_only') {
					deps.logger.warn('gateway: Meta reported errors for a number', {
						phoneNumberId: item.phoneNumberId,
						codes: item.errorCodes,
					});
				}
			}
			deps.onStored?.({
				forwardable: recorded.events.filter((e) => e.forwardState === 'pending').length,
				statuses: recorded.events.filter(
					(e) => e.kind === 'status' && (!e.dropReason || e.dropReason === 'own_send'),
				).length,
			});
			return {
				kind: 'stored',
				webhookId: recorded.webhookId,
				stored: recorded.events.length,
				duplicates: recorded.duplicates,
				dropped,
			};
		},
	};
}
export type MetaWebhookService = ReturnType<typeof createMetaWebhookService>;
