// Service users from access.json, with the static token the automation authenticates with.
import { randomBytes } from 'node:crypto';
import { connectDirectus, type DirectusApi } from '../directus-client.ts';
import { ContentUnauthorizedError } from '../errors.ts';
import type { AccessFile } from './access-file.ts';
import { differingKeys, type SetupResult } from './changes.ts';

export interface AccessUser {
	email: string;
	id: string | null;
	/** Whether the user has a static token now. */
	hasToken: boolean;
	/** A token this call generated (shown once; store it in n8n's Directus credential). */
	generatedToken?: string;
}

export interface UserOptions {
	/** Static tokens by `tokenFrom` name. */
	tokens?: Record<string, string | undefined>;
	generateMissingTokens?: boolean;
	/** Role ids by name. */
	roles: Record<string, string | null>;
	dryRun: boolean;
}

interface Row extends Record<string, unknown> {
	id: string;
}

export async function upsertUser(
	api: DirectusApi<object>,
	user: AccessFile['users'][number],
	options: UserOptions,
	result: SetupResult,
): Promise<AccessUser> {
	const { dryRun } = options;
	const { tokenFrom, role, ...profile } = user;
	const settings = { ...profile, role: options.roles[role] ?? null, status: 'active' };
	const target = `user ${user.email}`;
	const given = tokenFrom ? options.tokens?.[tokenFrom] : undefined;
	const generate = () =>
		tokenFrom && options.generateMissingTokens ? randomBytes(24).toString('base64url') : undefined;
	const [live] = await api.call<Row[]>('GET', '/users', {
		params: {
			filter: { email: { _eq: user.email } },
			fields: ['id', 'token', ...Object.keys(settings)],
		},
	});
	if (!live) {
		const generated = given ? undefined : generate();
		const token = given ?? generated;
		result.changes.push({
			action: 'create',
			target,
			...(token ? { detail: 'with a static token' } : {}),
		});
		if (dryRun) return { email: user.email, id: null, hasToken: Boolean(token) };
		const created = await api.call<Row>('POST', '/users', {
			body: { ...settings, ...(token ? { token } : {}) },
		});
		return {
			email: user.email,
			id: created.id,
			hasToken: Boolean(token),
			generatedToken: generated,
		};
	}
	const keys = differingKeys(settings, live);
	if (keys.length) {
		result.changes.push({ action: 'update', target, detail: keys.join(', ') });
		if (!dryRun) await api.call('PATCH', `/users/${live.id}`, { body: settings });
	}
	// Directus never shows a stored token (it reads "**********"), so a given one is tested by use.
	const hasToken = typeof live.token === 'string' && live.token !== '';
	let token: string | undefined;
	let generated: string | undefined;
	if (given) {
		if (!(await tokenBelongsTo(api, given, live.id))) token = given;
	} else if (!hasToken) {
		token = generated = generate();
	}
	if (!token) return { email: user.email, id: live.id, hasToken };
	result.changes.push({
		action: 'update',
		target,
		detail: given ? `token from ${tokenFrom}` : 'new static token',
	});
	if (dryRun) return { email: user.email, id: live.id, hasToken };
	await api.call('PATCH', `/users/${live.id}`, { body: { token } });
	return { email: user.email, id: live.id, hasToken: true, generatedToken: generated };
}

async function tokenBelongsTo(
	api: DirectusApi<object>,
	token: string,
	userId: string,
): Promise<boolean> {
	const as = connectDirectus<object>({ url: api.url, token });
	try {
		const me = await as.call<{ id?: string }>('GET', '/users/me', { params: { fields: ['id'] } });
		return me.id === userId;
	} catch (error) {
		// 401: no user has this token (yet).
		if (error instanceof ContentUnauthorizedError) return false;
		throw error;
	}
}
