import type { InboundInput } from './admin-schemas.ts';
import type { MetaSimState } from './state.ts';
import type { DeliveryResult } from './webhook-dispatcher.ts';
import { messagingUpdate, waMessageUpdate } from './webhook-payloads.ts';

export interface InboundResult {
	id: string;
	delivery: DeliveryResult;
}

export class InboundTargetError extends Error {}

/**
 * A customer message arriving at Meta: opens the service window and sends the webhook the business
 * would get. Resolves once the receiver has answered the first attempt.
 */
export async function receiveInbound(
	state: MetaSimState,
	input: InboundInput,
): Promise<InboundResult> {
	return input.channel === 'whatsapp'
		? whatsappInbound(state, input)
		: messagingInbound(state, input);
}

async function whatsappInbound(state: MetaSimState, input: InboundInput): Promise<InboundResult> {
	const number =
		(input.phone_number_id ? state.numberById(input.phone_number_id) : undefined) ??
		(input.to_number ? state.numberByDisplay(input.to_number) : undefined) ??
		(!input.phone_number_id && !input.to_number ? state.config.businessNumbers[0] : undefined);
	if (!number)
		throw new InboundTargetError(
			'no configured business number matches to_number / phone_number_id',
		);
	const now = state.clock.now();
	const customer = input.from ?? input.user_id ?? '';
	const id = state.ids.wamid(customer);
	const content = input.message ?? { type: 'text', text: { body: input.text } };
	const message = {
		from: input.from,
		from_user_id: input.user_id,
		id,
		timestamp: state.clock.unixSeconds(),
		...content,
	};
	state.whatsapp.recordInbound(number.phoneNumberId, customer, now);
	const update = waMessageUpdate(
		number,
		{ name: input.name, waId: input.from, userId: input.user_id },
		message,
	);
	const delivery = await state.webhooks.enqueue(update, state.whatsappWebhookUrl(number));
	return { id, delivery };
}

async function messagingInbound(state: MetaSimState, input: InboundInput): Promise<InboundResult> {
	const instagram = input.channel === 'instagram';
	const page = instagram
		? state.config.pages.find(
				(p) => p.igUserId !== undefined && (!input.ig_id || p.igUserId === input.ig_id),
			)
		: state.config.pages.find((p) => !input.page_id || p.pageId === input.page_id);
	const accountId = instagram ? page?.igUserId : page?.pageId;
	if (!accountId)
		throw new InboundTargetError(
			`no configured ${instagram ? 'Instagram account' : 'Page'} matches`,
		);
	const userId = input.from ?? '';
	const now = state.clock.now();
	const id = state.ids.mid();
	const event = {
		sender: { id: userId },
		recipient: { id: accountId },
		timestamp: now,
		message: { mid: id, ...(input.message ?? { text: input.text }) },
	};
	state.messenger.recordInbound(accountId, userId, now);
	const update = messagingUpdate(instagram ? 'instagram' : 'page', accountId, now, event);
	const delivery = await state.webhooks.enqueue(update, state.config.webhookUrl);
	return { id, delivery };
}
