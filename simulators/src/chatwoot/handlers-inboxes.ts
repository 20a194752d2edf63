import { httpErrors } from './http-errors.ts';
import { intParam, isAdmin, type Caller, type Handler } from './route.ts';
import { restAgentBot, restInbox } from './present-rest.ts';
import type { ChatwootState } from './state.ts';
import type { Account, Inbox } from './types.ts';

/** Administrators see every inbox; agents only those they are members of. */
export const listInboxesHandler: Handler = ({ caller, account }, { state }) => {
	const inboxes = state.inboxes
		.filter((i) => i.accountId === account.id)
		.filter(
			(i) => isAdmin(caller) || (caller.kind === 'user' && i.memberIds.includes(caller.user.id)),
		);
	return { body: { payload: inboxes.map((i) => restInbox(i, isAdmin(caller))) } };
};

export const showInboxHandler: Handler = ({ params, caller, account }, { state }) => {
	const inbox = loadInbox(state, caller, account, params.id);
	return { body: restInbox(inbox, isAdmin(caller)) };
};

export const inboxAgentBotHandler: Handler = ({ params, caller, account }, { state }) => {
	const inbox = loadInbox(state, caller, account, params.id);
	const bot = state.inboxBot(inbox);
	return { body: { agent_bot: bot ? restAgentBot(bot, isAdmin(caller)) : {} } };
};

/**
 * InboxesController#update for the inbox's own columns. The simulator keeps the name and the
 * assignment settings; other inbox settings are accepted (and checked against swagger) but not kept.
 */
export const updateInboxHandler: Handler = ({ params, body, caller, account }, { state }) => {
	const inbox = loadInbox(state, caller, account, params.id);
	if (body.name !== undefined) {
		const name = typeof body.name === 'string' ? body.name.trim() : '';
		if (name === '')
			throw httpErrors.invalidRecord([{ attribute: 'name', message: "Name can't be blank" }]);
		inbox.name = name;
	}
	if (typeof body.enable_auto_assignment === 'boolean') {
		inbox.enableAutoAssignment = body.enable_auto_assignment;
	}
	if (typeof body.lock_to_single_conversation === 'boolean') {
		inbox.lockToSingleConversation = body.lock_to_single_conversation;
	}
	return { body: restInbox(inbox, isAdmin(caller)) };
};

/** `{agent_bot: id}` attaches, `{agent_bot: null}` detaches; answers an empty 200. */
export const setAgentBotHandler: Handler = ({ params, body, caller, account }, { state }) => {
	const inbox = loadInbox(state, caller, account, params.id);
	if (body.agent_bot === null) {
		inbox.agentBotId = null;
		return {};
	}
	const bot = state.agentBots.get(Number(body.agent_bot));
	if (!bot || bot.accountId !== account.id) throw httpErrors.notFound();
	inbox.agentBotId = bot.id;
	return {};
};

function loadInbox(
	state: ChatwootState,
	caller: Caller,
	account: Account,
	id: string | undefined,
): Inbox {
	const inbox = state.inboxes.get(intParam(id));
	if (!inbox || inbox.accountId !== account.id) throw httpErrors.notFound();
	const member = caller.kind === 'user' && inbox.memberIds.includes(caller.user.id);
	if (!isAdmin(caller) && !member) throw httpErrors.policyDenied();
	return inbox;
}
