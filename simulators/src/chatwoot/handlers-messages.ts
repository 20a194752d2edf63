import { loadConversation } from './auth.ts';
import { httpErrors } from './http-errors.ts';
import { messageSender, parseContentAttributes } from './message-params.ts';
import { createMessage } from './messages.ts';
import { restContact, restAgent, restMessage } from './present-rest.ts';
import type { Handler } from './route.ts';
import type { MessageType } from './types.ts';

export const createMessageHandler: Handler = ({ params, body, caller, account }, deps) => {
	const conversation = loadConversation(deps.state, caller, account, params.conversation_id);
	const messageType = (
		typeof body.message_type === 'string' ? body.message_type : 'outgoing'
	) as MessageType;
	if (messageType === 'incoming' && deps.state.inboxOf(conversation).channelType !== 'api') {
		throw httpErrors.unprocessable('Incoming messages are only allowed in Api inboxes');
	}
	const message = createMessage(deps, conversation, {
		messageType,
		content: typeof body.content === 'string' ? body.content : null,
		private: body.private === true || body.private === 'true',
		contentType: typeof body.content_type === 'string' ? body.content_type : 'text',
		contentAttributes: parseContentAttributes(body.content_attributes),
		additionalAttributes:
			typeof body.template_params === 'object' && body.template_params !== null
				? { template_params: body.template_params }
				: {},
		sourceId: typeof body.source_id === 'string' ? body.source_id : null,
		echoId: typeof body.echo_id === 'string' ? body.echo_id : null,
		sender: messageSender(deps, conversation, caller, messageType, body),
	});
	return { body: restMessage(deps, message) };
};

const PAGE = 20;
const AFTER_LIMIT = 100;
const RANGE_LIMIT = 1000;

/** Cursor pagination on message id: latest 20, 20 before, up to 100 after, up to 1000 between. */
export const listMessagesHandler: Handler = ({ params, query, caller, account }, deps) => {
	const conversation = loadConversation(deps.state, caller, account, params.conversation_id);
	const before = cursor(query.before);
	const after = cursor(query.after);
	let messages = deps.state.messagesOf(conversation.id);
	if (query.filter_internal_messages === 'true') messages = messages.filter((m) => !m.private);
	if (before !== null) messages = messages.filter((m) => m.id < before);
	if (after !== null) messages = messages.filter((m) => m.id > after);
	if (before !== null && after !== null) messages = messages.slice(0, RANGE_LIMIT);
	else if (after !== null) messages = messages.slice(0, AFTER_LIMIT);
	else messages = messages.slice(-PAGE);
	const assignee =
		conversation.assigneeId === null ? undefined : deps.state.users.get(conversation.assigneeId);
	return {
		body: {
			meta: {
				labels: [...conversation.labels],
				additional_attributes: conversation.additionalAttributes,
				contact: restContact(deps.state, deps.state.contactOf(conversation), false),
				...(assignee ? { assignee: restAgent(assignee) } : {}),
				agent_last_seen_at: null,
				assignee_last_seen_at: null,
			},
			payload: messages.map((m) => restMessage(deps, m)),
		},
	};
};

function cursor(value: unknown): number | null {
	return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : null;
}
