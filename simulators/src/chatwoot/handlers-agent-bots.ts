import { httpErrors } from './http-errors.ts';
import { secureToken } from './ids.ts';
import { isRecord } from './json.ts';
import { restAgentBot } from './present-rest.ts';
import { intParam, isAdmin, type Handler } from './route.ts';
import type { ChatwootState } from './state.ts';
import type { Account, AgentBot, JsonObject } from './types.ts';

export const listAgentBotsHandler: Handler = ({ caller, account }, { state }) => ({
	body: state.agentBots
		.filter((b) => b.accountId === account.id)
		.map((b) => restAgentBot(b, isAdmin(caller))),
});

export const showAgentBotHandler: Handler = ({ params, caller, account }, { state }) => ({
	body: restAgentBot(loadBot(state, account, params.id), isAdmin(caller)),
});

export const createAgentBotHandler: Handler = ({ body, account }, { state }) => {
	const fields = botFields(body);
	const bot = state.agentBots.insert({
		accountId: account.id,
		name: fields.name ?? '',
		description: fields.description ?? null,
		outgoingUrl: fields.outgoingUrl ?? null,
		avatarUrl: fields.avatarUrl ?? null,
		botConfig: fields.botConfig ?? {},
		accessToken: secureToken(),
		secret: secureToken(),
	});
	return { body: restAgentBot(bot, true) };
};

export const updateAgentBotHandler: Handler = ({ params, body, account }, { state }) => {
	const bot = loadBot(state, account, params.id);
	const fields = botFields(body);
	for (const [key, value] of Object.entries(fields)) {
		if (value !== undefined) Object.assign(bot, { [key]: value });
	}
	return { body: restAgentBot(bot, true) };
};

export const deleteAgentBotHandler: Handler = ({ params, account }, { state }) => {
	const bot = loadBot(state, account, params.id);
	state.agentBots.delete(bot.id);
	for (const inbox of state.inboxes.filter((i) => i.agentBotId === bot.id)) inbox.agentBotId = null;
	return {};
};

function botFields(body: JsonObject): Partial<Omit<AgentBot, 'id' | 'accountId'>> {
	const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : undefined);
	const outgoingUrl = text('outgoing_url');
	if (outgoingUrl !== undefined && outgoingUrl !== '' && !/^https?:\/\//.test(outgoingUrl)) {
		throw httpErrors.invalidRecord([
			{ attribute: 'outgoing_url', message: 'Outgoing url is invalid' },
		]);
	}
	return {
		name: text('name'),
		description: text('description'),
		outgoingUrl: outgoingUrl === '' ? null : outgoingUrl,
		avatarUrl: text('avatar_url'),
		botConfig: isRecord(body.bot_config) ? body.bot_config : undefined,
	};
}

function loadBot(state: ChatwootState, account: Account, id: string | undefined): AgentBot {
	const bot = state.agentBots.get(intParam(id));
	if (!bot || bot.accountId !== account.id) throw httpErrors.notFound();
	return bot;
}
