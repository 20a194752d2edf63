// The order Chatwoot checks a request in: access token, the bot whitelist, the account, the
// membership, then the Pundit policy (§3.1). Every denial is a 401.
import type { Request } from 'express';
import { httpErrors } from './http-errors.ts';
import { intParam, isAdmin, type Caller, type RouteDef } from './route.ts';
import type { ChatwootState } from './state.ts';
import type { Account, Conversation } from './types.ts';

export function authenticate(
	state: ChatwootState,
	req: Request,
	route: RouteDef,
): { caller: Caller; account: Account } {
	// Rack maps `api_access_token` and `Api-Access-Token` to the same HTTP_API_ACCESS_TOKEN.
	const token = req.get('api_access_token') ?? req.get('api-access-token');
	// No token falls through to devise-token-auth, which also ignores Authorization: Bearer.
	if (!token) throw httpErrors.notSignedIn();
	const caller = state.tokenOwner(token);
	if (!caller) throw httpErrors.invalidToken();
	if (caller.kind === 'agent_bot' && !route.bot) throw httpErrors.botNotAllowed();
	const accountId = req.params.account_id;
	const account = state.accounts.get(
		intParam(typeof accountId === 'string' ? accountId : undefined),
	);
	if (!account) throw httpErrors.notFound();
	if (caller.kind === 'user' && caller.user.accountId !== account.id) {
		throw httpErrors.userNotInAccount();
	}
	if (caller.kind === 'agent_bot' && !state.botCanAccessAccount(caller.bot, account.id)) {
		throw httpErrors.botNotInAccount();
	}
	if (route.admin && !isAdmin(caller)) throw httpErrors.policyDenied();
	return { caller, account };
}

/** ConversationPolicy: administrators and bots see all; agents their inboxes, teams and own. */
export function canAccessConversation(
	state: ChatwootState,
	caller: Caller,
	conversation: Conversation,
): boolean {
	if (caller.kind === 'agent_bot' || isAdmin(caller)) return true;
	const userId = caller.user.id;
	if (conversation.assigneeId === userId) return true;
	if (state.inboxOf(conversation).memberIds.includes(userId)) return true;
	const team = conversation.teamId === null ? undefined : state.teams.get(conversation.teamId);
	return team?.memberIds.includes(userId) ?? false;
}

/** Finds the conversation by display id (REST paths use it) and applies the policy. */
export function loadConversation(
	state: ChatwootState,
	caller: Caller,
	account: Account,
	displayId: string | undefined,
): Conversation {
	const conversation = state.conversationByDisplayId(account.id, intParam(displayId));
	if (!conversation) throw httpErrors.notFound();
	if (!canAccessConversation(state, caller, conversation)) throw httpErrors.policyDenied();
	return conversation;
}
