import { z } from 'zod/v4';
import { invalidParameter, messengerNoUser, messengerOutsideWindow } from './error-catalog.ts';
import type { GraphParams, GraphReply } from './graph-http.ts';
import type { MessagingPlatform, SentMessengerMessage } from './messenger-store.ts';
import type { MetaSimState } from './state.ts';
import { messagingUpdate } from './webhook-payloads.ts';
import { graphValidationError } from './zod-errors.ts';

// Form-encoded Send API calls carry `recipient` and `message` as JSON strings.
const jsonField = <T extends z.ZodType>(schema: T) =>
	z.preprocess((v) => {
		if (typeof v !== 'string') return v;
		try {
			return JSON.parse(v) as unknown;
		} catch {
			return v;
		}
	}, schema);

const sendSchema = z
	.object({
		recipient: jsonField(z.object({ id: z.string().min(1) })),
		messaging_type: z.enum(['RESPONSE', 'UPDATE', 'MESSAGE_TAG']).default('RESPONSE'),
		tag: z.string().optional(),
		message: jsonField(
			z
				.looseObject({
					text: z.string().min(1).max(2000).optional(),
					attachment: z.looseObject({ type: z.string() }).optional(),
				})
				.refine(
					(m) => m.text !== undefined || m.attachment !== undefined,
					'message needs text or attachment',
				),
		).optional(),
		sender_action: z.enum(['typing_on', 'typing_off', 'mark_seen']).optional(),
	})
	.refine((b) => b.message !== undefined || b.sender_action !== undefined, {
		message: 'Must send either message or sender_action',
		path: ['message'],
	});

const MESSENGER_TAGS = [
	'HUMAN_AGENT',
	'ACCOUNT_UPDATE',
	'POST_PURCHASE_UPDATE',
	'CONFIRMED_EVENT_UPDATE',
];

/** POST /{page-id|ig-id|me}/messages: the Send API, with the 24-hour window and message tags. */
export function sendMessengerMessage(
	state: MetaSimState,
	platform: MessagingPlatform,
	accountId: string,
	params: GraphParams,
): GraphReply {
	const parsed = sendSchema.safeParse(params);
	if (!parsed.success) throw graphValidationError(parsed.error, params);
	const send = parsed.data;
	const userId = send.recipient.id;
	const now = state.clock.now();

	const lastInbound = state.messenger.lastInboundAt(accountId, userId);
	if (lastInbound === undefined) throw messengerNoUser();
	if (send.sender_action) return { status: 200, body: { recipient_id: userId } };
	if (now - lastInbound >= allowedWindow(state, platform, send.messaging_type, send.tag)) {
		throw messengerOutsideWindow(platform);
	}

	const message: SentMessengerMessage = {
		id: state.ids.mid(),
		platform,
		accountId,
		recipientId: userId,
		request: params,
		createdAt: now,
	};
	state.messenger.sent.push(message);
	// Instagram echoes every sent message on the `messages` field; Messenger when subscribed.
	const echo = platform === 'instagram' || state.config.messenger.echoes;
	return {
		status: 200,
		body: { recipient_id: userId, message_id: message.id },
		after: echo ? () => scheduleEcho(state, platform, message, send.message ?? {}) : undefined,
	};
}

function allowedWindow(
	state: MetaSimState,
	platform: MessagingPlatform,
	type: 'RESPONSE' | 'UPDATE' | 'MESSAGE_TAG',
	tag: string | undefined,
): number {
	const { windowMs, humanAgentWindowMs } = state.config.messenger;
	if (type !== 'MESSAGE_TAG') return windowMs;
	if (
		!tag ||
		!MESSENGER_TAGS.includes(tag) ||
		(platform === 'instagram' && tag !== 'HUMAN_AGENT')
	) {
		throw invalidParameter(`Param tag must be one of {${MESSENGER_TAGS.join(', ')}}`);
	}
	return tag === 'HUMAN_AGENT' ? humanAgentWindowMs : Number.POSITIVE_INFINITY;
}

function scheduleEcho(
	state: MetaSimState,
	platform: MessagingPlatform,
	message: SentMessengerMessage,
	content: Record<string, unknown>,
): void {
	const object = platform === 'messenger' ? 'page' : 'instagram';
	const appId = platform === 'messenger' ? { app_id: Number(state.config.appId) } : {};
	state.webhooks.later(state.config.statuses.delayMs, () => {
		const time = state.clock.now();
		const event = {
			sender: { id: message.accountId },
			recipient: { id: message.recipientId },
			timestamp: time,
			message: { mid: message.id, is_echo: true, ...appId, ...content },
		};
		void state.webhooks.enqueue(
			messagingUpdate(object, message.accountId, time, event),
			state.config.webhookUrl,
		);
	});
}
