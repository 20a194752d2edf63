import { z } from 'zod/v4';
import type { Clock } from './clock.ts';
import { seedSchema, type Seed, type SeedInput } from './seed.ts';
import type { ChatwootState } from './state.ts';

export class SeedError extends Error {
	constructor(message: string) {
		super(`chatwoot simulator seed: ${message}`);
		this.name = 'SeedError';
	}
}

/** Replaces the whole store with the seed. Throws SeedError naming the first problem found. */
export function applySeed(state: ChatwootState, input: SeedInput, clock: Clock): Seed {
	const parsed = seedSchema.safeParse(input);
	if (!parsed.success) throw new SeedError(z.prettifyError(parsed.error));
	const seed = parsed.data;
	checkReferences(seed);
	state.clear();
	const now = clock().getTime();
	for (const account of seed.accounts) state.accounts.insert(account);
	for (const user of seed.users) state.users.insert(user);
	for (const bot of seed.agentBots) {
		state.agentBots.insert({ ...bot, avatarUrl: null, botConfig: {} });
	}
	for (const inbox of seed.inboxes) state.inboxes.insert({ ...inbox, channelId: inbox.id });
	for (const team of seed.teams) {
		state.teams.insert({ ...team, name: team.name.toLowerCase(), createdAt: now, updatedAt: now });
	}
	for (const webhook of seed.webhooks) state.webhooks.insert({ ...webhook, inboxId: null });
	return seed;
}

function checkReferences(seed: Seed): void {
	const accounts = new Set(seed.accounts.map((a) => a.id));
	const userAccount = new Map(seed.users.map((u) => [u.id, u.accountId]));
	const bots = new Set(seed.agentBots.map((b) => b.id));
	const rows = [...seed.users, ...seed.inboxes, ...seed.teams, ...seed.agentBots, ...seed.webhooks];
	for (const row of rows) {
		if (!accounts.has(row.accountId)) throw new SeedError(`account ${row.accountId} is not seeded`);
	}
	for (const list of [seed.accounts, seed.users, seed.inboxes, seed.teams, seed.agentBots]) {
		const ids = list.map((r) => r.id);
		if (new Set(ids).size !== ids.length)
			throw new SeedError(`duplicate ids in ${JSON.stringify(ids)}`);
	}
	const tokens = [
		...seed.users.map((u) => u.accessToken),
		...seed.agentBots.map((b) => b.accessToken),
	];
	if (new Set(tokens).size !== tokens.length) throw new SeedError('access tokens must be unique');
	const phones = seed.inboxes.flatMap((i) => (i.phoneNumber ? [i.phoneNumber] : []));
	if (new Set(phones).size !== phones.length) {
		throw new SeedError('inbox phone numbers are unique across the installation');
	}
	for (const group of [...seed.inboxes, ...seed.teams]) {
		for (const member of group.memberIds) {
			if (userAccount.get(member) !== group.accountId) {
				throw new SeedError(`user ${member} is not an agent of account ${group.accountId}`);
			}
		}
	}
	for (const inbox of seed.inboxes) {
		if (inbox.agentBotId !== null && !bots.has(inbox.agentBotId)) {
			throw new SeedError(
				`inbox ${inbox.id} names agent bot ${inbox.agentBotId}, which is not seeded`,
			);
		}
	}
}
