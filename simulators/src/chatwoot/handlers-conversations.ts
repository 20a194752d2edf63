import { loadConversation } from './auth.ts';
import { isoOrNull } from './clock.ts';
import {
	assignAgent,
	botHandoff,
	setCustomAttributes,
	setLabels,
	setPriority,
	setStatus,
	toggledStatus,
} from './conversations.ts';
import { httpErrors } from './http-errors.ts';
import { restConversation } from './present-conversation.ts';
import type { Handler } from './route.ts';
import type { ConversationStatus, Priority } from './types.ts';

export const showConversationHandler: Handler = ({ params, caller, account }, deps) => {
	const conversation = loadConversation(deps.state, caller, account, params.conversation_id);
	return { body: restConversation(deps, conversation) };
};

/**
 * conversations#toggle_status. A bot moving its pending conversation to open is the hand-off
 * (bot_handoff!), where `success` stays null. An agent (not administrator) whose action leaves
 * the conversation open becomes its assignee, replacing whoever it was.
 */
export const toggleStatusHandler: Handler = ({ params, body, caller, account }, deps) => {
	const conversation = loadConversation(deps.state, caller, account, params.conversation_id);
	const requested =
		typeof body.status === 'string' ? (body.status as ConversationStatus) : undefined;
	let success: boolean | null = true;
	if (caller.kind === 'agent_bot' && conversation.status === 'pending' && requested === 'open') {
		botHandoff(deps, conversation);
		success = null;
	} else if (requested) {
		const until = typeof body.snoozed_until === 'number' ? body.snoozed_until * 1000 : null;
		setStatus(
			deps,
			conversation,
			requested,
			requested === 'snoozed' ? { snoozedUntil: until } : {},
		);
	} else {
		setStatus(deps, conversation, toggledStatus(conversation.status));
	}
	if (conversation.status === 'open' && caller.kind === 'user' && caller.user.role === 'agent') {
		assignAgent(deps, conversation, caller.user);
	}
	return {
		body: {
			meta: {},
			payload: {
				success,
				conversation_id: conversation.displayId,
				current_status: conversation.status,
				snoozed_until: isoOrNull(conversation.snoozedUntil),
			},
		},
	};
};

const PRIORITIES: readonly (Priority | null)[] = ['low', 'medium', 'high', 'urgent', null];

export const togglePriorityHandler: Handler = ({ params, body, caller, account }, deps) => {
	const conversation = loadConversation(deps.state, caller, account, params.conversation_id);
	const priority = (body.priority ?? null) as Priority | null;
	if (!PRIORITIES.includes(priority)) {
		throw httpErrors.unprocessable(`'${String(body.priority)}' is not a valid priority`);
	}
	setPriority(deps, conversation, priority);
	return {};
};

export const listLabelsHandler: Handler = ({ params, caller, account }, deps) => {
	const conversation = loadConversation(deps.state, caller, account, params.conversation_id);
	return { body: { payload: [...conversation.labels] } };
};

/** Replaces the whole label list: callers that mean "add" must send the union. */
export const setLabelsHandler: Handler = ({ params, body, caller, account }, deps) => {
	const conversation = loadConversation(deps.state, caller, account, params.conversation_id);
	const labels = Array.isArray(body.labels) ? body.labels.map(String) : [];
	setLabels(deps, conversation, labels);
	return { body: { payload: [...conversation.labels] } };
};

const MAX_STRING = 1500;
const MAX_NUMBER = 9_999_999_999;

/** Replaces the whole hash, checked by JsonbAttributesLengthValidator. */
export const setCustomAttributesHandler: Handler = ({ params, body, caller, account }, deps) => {
	const conversation = loadConversation(deps.state, caller, account, params.conversation_id);
	const attributes = (body.custom_attributes ?? {}) as Record<string, unknown>;
	for (const [key, value] of Object.entries(attributes)) {
		const tooLong = typeof value === 'string' && value.length >= MAX_STRING;
		const tooBig = typeof value === 'number' && Math.abs(value) >= MAX_NUMBER;
		if (tooLong || tooBig) {
			const limit = tooLong ? `${MAX_STRING} characters` : `${MAX_NUMBER}`;
			throw httpErrors.invalidRecord([
				{
					attribute: 'custom_attributes',
					message: `Custom attributes ${key} exceeds the limit of ${limit}`,
				},
			]);
		}
	}
	setCustomAttributes(deps, conversation, attributes);
	return { body: { custom_attributes: conversation.customAttributes } };
};
