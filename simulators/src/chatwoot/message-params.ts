import { httpErrors } from './http-errors.ts';
import { isRecord } from './json.ts';
import type { SimDeps } from './deps.ts';
import type { Caller } from './route.ts';
import type { Conversation, JsonObject, MessageType, SenderRef } from './types.ts';

/** Message#content_type's enum, wider than swagger's list. */
export const CONTENT_TYPES = [
	'text',
	'input_text',
	'input_textarea',
	'input_email',
	'input_select',
	'cards',
	'form',
	'article',
	'incoming_email',
	'input_csat',
	'integrations',
	'sticker',
	'voice_call',
] as const;

/** content_attributes may arrive as an object or as a JSON string. */
export function parseContentAttributes(value: unknown): JsonObject {
	if (value === undefined || value === null) return {};
	if (isRecord(value)) return value;
	if (typeof value === 'string') {
		try {
			const parsed: unknown = JSON.parse(value);
			if (isRecord(parsed)) return parsed;
		} catch {
			// Rails raises JSON::ParserError, which messages#create renders as {error}.
		}
		throw httpErrors.unprocessable(`unexpected token in content_attributes`);
	}
	throw httpErrors.unprocessable('content_attributes must be an object');
}

/**
 * MessageBuilder#sender: incoming messages come from the contact; outgoing ones from the caller,
 * or from the bot named by sender_type "AgentBot" + sender_id.
 */
export function messageSender(
	deps: SimDeps,
	conversation: Conversation,
	caller: Caller,
	messageType: MessageType,
	body: JsonObject,
): SenderRef {
	if (messageType === 'incoming') return { type: 'contact', id: conversation.contactId };
	if (body.sender_type === 'AgentBot' && typeof body.sender_id === 'number') {
		const bot = deps.state.agentBots.get(body.sender_id);
		if (bot && bot.accountId === conversation.accountId) return { type: 'agent_bot', id: bot.id };
	}
	return caller.kind === 'user'
		? { type: 'user', id: caller.user.id }
		: { type: 'agent_bot', id: caller.bot.id };
}
