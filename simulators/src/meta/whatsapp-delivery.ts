import { createHash } from 'node:crypto';
import type { BusinessNumber } from './config.ts';
import type { MetaSimState } from './state.ts';
import {
	type WaStatus,
	type WaStatusError,
	type WaStatusName,
	waStatusErrors,
	waStatusUpdate,
} from './webhook-payloads.ts';
import { planStatuses } from './whatsapp-statuses.ts';
import type { SentWhatsAppMessage } from './whatsapp-store.ts';

export type SendOutcome =
	| 'deliver'
	| 'reengagement'
	| 'undeliverable'
	| 'marketing_cap'
	| 'stopped_marketing';

const FAILED_STATUS_ERRORS = {
	reengagement: waStatusErrors.reengagement,
	undeliverable: waStatusErrors.undeliverable,
	marketing_cap: waStatusErrors.marketingCap,
	stopped_marketing: waStatusErrors.stoppedMarketing,
} as const;

/**
 * Schedules what follows an accepted send: the planned statuses, or a single `failed` one (131047
 * outside the window, 131026 for an undeliverable number, or a recipient's injected 131049/131050). They go out after the HTTP answer, one
 * `statuses.delayMs` apart, as the send response only means "accepted".
 */
export function scheduleStatuses(
	state: MetaSimState,
	number: BusinessNumber,
	message: SentWhatsAppMessage,
	outcome: SendOutcome,
): void {
	const { delayMs } = state.config.statuses;
	if (outcome !== 'deliver') {
		const error = FAILED_STATUS_ERRORS[outcome]();
		state.webhooks.later(delayMs, () => void emitStatus(state, number, message, 'failed', [error]));
		return;
	}
	planStatuses(state.config.statuses, state.random).forEach((status, i) => {
		state.webhooks.later(delayMs * (i + 1), () => void emitStatus(state, number, message, status));
	});
}

/** Queues one status webhook for a sent message and remembers it on the message. */
export function emitStatus(
	state: MetaSimState,
	number: BusinessNumber,
	message: SentWhatsAppMessage,
	status: WaStatusName,
	errors?: WaStatusError[],
): ReturnType<MetaSimState['webhooks']['enqueue']> {
	message.statuses.push(status);
	const body: WaStatus = {
		id: message.id,
		status,
		timestamp: state.clock.unixSeconds(),
		recipient_id: message.to,
		...billing(state, message, status),
		biz_opaque_callback_data: message.bizOpaqueCallbackData,
		errors,
	};
	return state.webhooks.enqueue(waStatusUpdate(number, body), state.whatsappWebhookUrl(number));
}

// Pricing rides on `sent` and on `delivered`; v24+ drops `conversation` (reference §2.9).
function billing(
	state: MetaSimState,
	message: SentWhatsAppMessage,
	status: WaStatusName,
): Pick<WaStatus, 'conversation' | 'pricing'> {
	if (status !== 'sent' && status !== 'delivered') return {};
	const free =
		message.category === 'service' || (message.category === 'utility' && message.inWindow);
	const pricing = {
		billable: !free,
		pricing_model: 'PMP',
		type: free ? 'free_customer_service' : 'regular',
		category: message.category,
	};
	if (state.config.webhookVersion >= 24) return { pricing };
	const expiration = String(Math.floor((message.createdAt + 86_400_000) / 1000));
	const conversation = {
		// One conversation per number, user and category: a stable 32-hex id like Meta's.
		id: createHash('md5')
			.update(`${message.phoneNumberId}:${message.to}:${message.category}`)
			.digest('hex'),
		expiration_timestamp: expiration,
		origin: { type: message.category },
	};
	return { conversation, pricing };
}
