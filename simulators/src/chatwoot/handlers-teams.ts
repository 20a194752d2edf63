import { ChatwootHttpError, httpErrors } from './http-errors.ts';
import { restAgent, restTeam } from './present-rest.ts';
import { callerUserId, intParam, type Handler } from './route.ts';
import type { ChatwootState } from './state.ts';
import type { Account, Team, User } from './types.ts';

export const listTeamsHandler: Handler = ({ caller, account }, { state }) => ({
	body: state.teams
		.filter((t) => t.accountId === account.id)
		.map((t) => restTeam(t, callerUserId(caller))),
});

export const showTeamHandler: Handler = ({ params, caller, account }, { state }) => ({
	body: restTeam(loadTeam(state, account, params.team_id), callerUserId(caller)),
});

/** Team names are stored lower-cased and are unique per account. */
export const createTeamHandler: Handler = ({ body, caller, account }, { state, clock }) => {
	const name = teamName(state, account, body.name, undefined);
	const now = clock().getTime();
	const team = state.teams.insert({
		accountId: account.id,
		name,
		description: typeof body.description === 'string' ? body.description : null,
		allowAutoAssign: body.allow_auto_assign !== false,
		memberIds: [],
		createdAt: now,
		updatedAt: now,
	});
	return { body: restTeam(team, callerUserId(caller)) };
};

export const updateTeamHandler: Handler = ({ params, body, caller, account }, { state, clock }) => {
	const team = loadTeam(state, account, params.team_id);
	const name = body.name === undefined ? team.name : teamName(state, account, body.name, team);
	team.name = name;
	if (typeof body.description === 'string') team.description = body.description;
	if (typeof body.allow_auto_assign === 'boolean') team.allowAutoAssign = body.allow_auto_assign;
	team.updatedAt = clock().getTime();
	return { body: restTeam(team, callerUserId(caller)) };
};

export const listTeamMembersHandler: Handler = ({ params, account }, { state }) => {
	const team = loadTeam(state, account, params.team_id);
	return { body: members(state, team.memberIds).map(restAgent) };
};

/** Answers only the agents that were not members yet. */
export const addTeamMembersHandler: Handler = ({ params, body, account }, { state }) => {
	const team = loadTeam(state, account, params.team_id);
	const ids = accountUserIds(state, account, body.user_ids);
	const added = ids.filter((id) => !team.memberIds.includes(id));
	team.memberIds.push(...added);
	return { body: members(state, added).map(restAgent) };
};

/** Makes the member list exactly the ids given. */
export const updateTeamMembersHandler: Handler = ({ params, body, account }, { state }) => {
	const team = loadTeam(state, account, params.team_id);
	team.memberIds = accountUserIds(state, account, body.user_ids);
	return { body: members(state, team.memberIds).map(restAgent) };
};

export const removeTeamMembersHandler: Handler = ({ params, body, account }, { state }) => {
	const team = loadTeam(state, account, params.team_id);
	const ids = accountUserIds(state, account, body.user_ids);
	team.memberIds = team.memberIds.filter((id) => !ids.includes(id));
	return {};
};

export const listAgentsHandler: Handler = ({ account }, { state }) => ({
	body: state.users.filter((u) => u.accountId === account.id).map(restAgent),
});

function teamName(
	state: ChatwootState,
	account: Account,
	value: unknown,
	existing: Team | undefined,
): string {
	const name = typeof value === 'string' ? value.trim().toLowerCase() : '';
	if (name === '')
		throw httpErrors.invalidRecord([{ attribute: 'name', message: "Name can't be blank" }]);
	if (state.teams.find((t) => t.accountId === account.id && t.name === name && t !== existing)) {
		throw httpErrors.invalidRecord([{ attribute: 'name', message: 'Name has already been taken' }]);
	}
	return name;
}

function loadTeam(state: ChatwootState, account: Account, id: string | undefined): Team {
	const team = state.teams.get(intParam(id));
	if (!team || team.accountId !== account.id) throw httpErrors.notFound();
	return team;
}

/** Ids outside the account answer 401 "Invalid User IDs", one of Chatwoot's odd statuses. */
function accountUserIds(state: ChatwootState, account: Account, value: unknown): number[] {
	const ids = Array.isArray(value) ? value.map(Number) : [];
	const valid = ids.every((id) => state.users.get(id)?.accountId === account.id);
	if (!valid) throw new ChatwootHttpError(401, { error: 'Invalid User IDs' });
	return [...new Set(ids)];
}

function members(state: ChatwootState, ids: number[]): User[] {
	return ids.map((id) => state.users.get(id)).filter((u): u is User => u !== undefined);
}
