import { loadConversation } from './auth.ts';
import { assignAgent, assignAgentBot, assignTeam } from './conversations.ts';
import { httpErrors } from './http-errors.ts';
import { rawTeam, restAgent, restAgentBot } from './present-rest.ts';
import type { Handler } from './route.ts';

/**
 * assignments#create. assignee_id wins over team_id. An id that is not found in the account
 * unassigns (find_by returns nil), and an unassignment answers the JSON `null`.
 */
export const assignmentsHandler: Handler = ({ params, body, caller, account }, deps) => {
	const { state } = deps;
	const conversation = loadConversation(state, caller, account, params.conversation_id);
	if ('assignee_id' in body) {
		const id = body.assignee_id;
		if (body.assignee_type === 'AgentBot') {
			const bot = typeof id === 'number' ? state.agentBots.get(id) : undefined;
			if (!bot || !state.botCanAccessAccount(bot, account.id)) throw httpErrors.notFound();
			assignAgentBot(deps, conversation, bot.id);
			return { body: restAgentBot(bot, false) };
		}
		const user = state.users.find((u) => u.id === id && u.accountId === account.id) ?? null;
		assignAgent(deps, conversation, user);
		return { body: user ? restAgent(user) : null };
	}
	if ('team_id' in body) {
		const id = body.team_id;
		const team = state.teams.find((t) => t.id === id && t.accountId === account.id) ?? null;
		assignTeam(deps, conversation, team);
		return { body: team ? rawTeam(team) : null };
	}
	return { body: null };
};
