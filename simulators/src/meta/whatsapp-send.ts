import type { BusinessNumber, MetaSimConfig, RecipientFailure } from './config.ts';
import {
	waInvalidParameter,
	waMarketingCap,
	waPairRate,
	waReengagement,
	waRecipientIsSender,
	waServiceUnavailable,
	waSomethingWrong,
	waStoppedMarketing,
	waThroughput,
	waUndeliverable,
} from './error-catalog.ts';
import type { GraphParams, GraphReply } from './graph-http.ts';
import { checkTemplateSend } from './message-templates.ts';
import type { MetaSimState } from './state.ts';
import { scheduleStatuses, type SendOutcome } from './whatsapp-delivery.ts';
import { markReadSchema, type TemplateSend, whatsappSendSchema } from './whatsapp-schemas.ts';
import type { MessageCategory, SentWhatsAppMessage } from './whatsapp-store.ts';
import { whatsappValidationError } from './zod-errors.ts';

/** POST /{phone-number-id}/messages: validate, throttle, accept, then schedule the statuses. */
export function sendWhatsAppMessage(
	state: MetaSimState,
	number: BusinessNumber,
	params: GraphParams,
): GraphReply {
	if (params.status === 'read') return markRead(state, params);
	const parsed = whatsappSendSchema.safeParse(params);
	if (!parsed.success) throw whatsappValidationError(parsed.error, params);
	const send = parsed.data;
	const config = state.config.whatsapp;
	const now = state.clock.now();

	const waId = send.to.replace(/[\s+()-]/g, '');
	if (!/^\d{6,15}$/.test(waId))
		throw waInvalidParameter(`to: ${send.to} is not a valid phone number`);
	if (waId === number.displayPhoneNumber) throw waRecipientIsSender();

	const limit = number.throughputPerSecond ?? config.throughputPerSecond;
	const withinThroughput =
		config.throughputModel === 'token-bucket'
			? state.whatsapp.throughputBuckets.tryTake(number.phoneNumberId, now, limit, 1000 / limit)
			: state.whatsapp.throughput.tryHit(number.phoneNumberId, now, limit, 1000);
	if (!withinThroughput) {
		state.whatsapp.countRefusal(number.phoneNumberId, 'throughput');
		throw waThroughput(config.throttleHttpStatus);
	}
	const pairKey = `${number.phoneNumberId}:${waId}`;
	if (!state.whatsapp.pairs.tryTake(pairKey, now, config.pairBurst, config.pairRefillMs)) {
		state.whatsapp.countRefusal(number.phoneNumberId, 'pairRate');
		throw waPairRate(config.throttleHttpStatus);
	}

	const injected = injectedFailure(state, waId);
	if (injected?.mode === 'sync' || injected?.code === 131000 || injected?.code === 2) {
		throw SYNC_FAILURES[injected.code]();
	}

	const category =
		send.type === 'template' ? templateCategory(state.config, send.template) : 'service';
	const inWindow = state.whatsapp.windowOpen(number.phoneNumberId, waId, now, config.windowMs);
	if (!inWindow && send.type !== 'template' && config.windowErrorMode === 'sync')
		throw waReengagement();

	const message: SentWhatsAppMessage = {
		id: state.ids.wamid(waId),
		phoneNumberId: number.phoneNumberId,
		to: waId,
		type: send.type,
		category,
		inWindow,
		request: params,
		bizOpaqueCallbackData: send.biz_opaque_callback_data,
		createdAt: now,
		statuses: [],
	};
	state.whatsapp.messages.set(message.id, message);

	let outcome: SendOutcome = 'deliver';
	if (injected) outcome = ASYNC_OUTCOMES[injected.code as keyof typeof ASYNC_OUTCOMES];
	else if (config.undeliverableNumbers.includes(waId)) outcome = 'undeliverable';
	else if (!inWindow && send.type !== 'template') outcome = 'reengagement';

	const accepted = send.type === 'template' ? { message_status: 'accepted' } : {};
	return {
		status: 200,
		body: {
			messaging_product: 'whatsapp',
			contacts: [{ input: send.to, wa_id: waId }],
			messages: [{ id: message.id, ...accepted }],
		},
		after: () => scheduleStatuses(state, number, message, outcome),
	};
}

const SYNC_FAILURES = {
	131049: waMarketingCap,
	131050: waStoppedMarketing,
	131026: waUndeliverable,
	131047: waReengagement,
	131000: waSomethingWrong,
	2: waServiceUnavailable,
} as const;

const ASYNC_OUTCOMES = {
	131049: 'marketing_cap',
	131050: 'stopped_marketing',
	131026: 'undeliverable',
	131047: 'reengagement',
} as const satisfies Record<number, SendOutcome>;

/** The failure injected for this recipient, counted against its `times`; undefined when none applies. */
function injectedFailure(state: MetaSimState, waId: string): RecipientFailure | undefined {
	const failure = state.config.whatsapp.recipientFailures.find((f) => f.to === waId);
	if (!failure) return undefined;
	const hits = state.whatsapp.failureHits.get(waId) ?? 0;
	if (failure.times !== undefined && hits >= failure.times) return undefined;
	state.whatsapp.failureHits.set(waId, hits + 1);
	return failure;
}

/** Checks the template exists in that language, is approved, and gets the parameters it needs. */
function templateCategory(config: MetaSimConfig, template: TemplateSend): MessageCategory {
	const definition = checkTemplateSend(config.templates, template);
	return definition.category.toLowerCase() as MessageCategory;
}

function markRead(state: MetaSimState, params: GraphParams): GraphReply {
	const parsed = markReadSchema.safeParse(params);
	if (!parsed.success) throw whatsappValidationError(parsed.error, params);
	state.whatsapp.readMarks.add(parsed.data.message_id);
	return { status: 200, body: { success: true } };
}
