// Test support: a real Directus 11 on a throwaway database with our schema applied, and helpers
// to act as a given user. One per test file (it takes about 10 s to start).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startTestDirectus, type TestDirectus } from '../../../../scripts/lib/directus.ts';
import { connectDirectus, type DirectusApi, type DirectusConnection } from '../directus-client.ts';
import type { Clock } from '../ttl-cache.ts';
import { applyDirectusAccess, type AccessResult } from './access.ts';
import { applyDirectusSchema } from './apply-schema.ts';
import { applyDirectusSeed } from './seed.ts';

export interface ContentDirectus {
	directus: TestDirectus;
	/** The admin's connection. */
	admin: DirectusConnection;
	adminApi: DirectusApi<object>;
	/** A pool on Directus's database (the log store's tables live there). */
	pool: pg.Pool;
	/** Set when `access` was applied. */
	automationToken: string | null;
	access: AccessResult | null;
	/** A new active user with that role and a static token; returns the token. */
	createUser(roleName: string): Promise<string>;
	stop(): Promise<void>;
}

export interface ContentDirectusOptions {
	/** Apply the schema (default true). */
	schema?: boolean;
	/** Apply access.json with a random automation token (default false). */
	access?: boolean;
	/** Apply the demo seed, dated from this clock (default: no seed). */
	seed?: { clock: Clock };
	/** More environment for Directus, e.g. the promotions hook's webhook settings. */
	env?: NodeJS.ProcessEnv;
}

export async function startContentDirectus(
	options: ContentDirectusOptions = {},
): Promise<ContentDirectus> {
	// Our extensions (directus/extensions/) are loaded: startDirectus builds them once and caches.
	const directus = await startTestDirectus({ extraEnv: options.env });
	const pool = new pg.Pool({ connectionString: directus.databaseUrl, max: 4 });
	const admin = { url: directus.url, token: directus.adminToken };
	const adminApi = connectDirectus<object>(admin);
	const stop = async () => {
		await pool.end();
		await directus.stop();
	};
	try {
		let automationToken: string | null = null;
		let access: AccessResult | null = null;
		if (options.schema ?? true) await applyDirectusSchema({ directus: admin, logStore: pool });
		if (options.access) {
			automationToken = randomBytes(24).toString('base64url');
			access = await applyDirectusAccess({
				directus: admin,
				tokens: { DIRECTUS_AUTOMATION_TOKEN: automationToken },
			});
		}
		if (options.seed) await applyDirectusSeed({ directus: admin, clock: options.seed.clock });
		return {
			directus,
			admin,
			adminApi,
			pool,
			automationToken,
			access,
			async createUser(roleName) {
				const [role] = await adminApi.call<{ id: string }[]>('GET', '/roles', {
					params: { filter: { name: { _eq: roleName } }, fields: ['id'] },
				});
				if (!role) throw new Error(`test: no role named ${roleName}`);
				const token = randomBytes(24).toString('base64url');
				await adminApi.call('POST', '/users', {
					body: {
						email: `${randomBytes(4).toString('hex')}@example.com`,
						role: role.id,
						status: 'active',
						token,
					},
				});
				return token;
			},
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

/** A raw request as a given token: status and Directus's error code, for permission tests. */
export async function requestAs(
	connection: DirectusConnection,
	method: string,
	path: string,
	body?: unknown,
): Promise<{ status: number; code: string | null; message: string | null; data: unknown }> {
	const res = await fetch(`${connection.url}${path}`, {
		method,
		headers: { authorization: `Bearer ${connection.token}`, 'content-type': 'application/json' },
		...(body === undefined ? {} : { body: JSON.stringify(body) }),
	});
	const text = await res.text();
	const json = text
		? (JSON.parse(text) as {
				data?: unknown;
				errors?: {
					message?: string;
					extensions?: { code?: string; errors?: { message?: string }[] };
				}[];
			})
		: {};
	const error = json.errors?.[0];
	// GraphQL's "validation error" says nothing by itself; Directus puts the detail in extensions.errors.
	const detail = error?.extensions?.errors?.map((item) => item.message).join('; ');
	return {
		status: res.status,
		code: error?.extensions?.code ?? null,
		message: error?.message ? (detail ? `${error.message} ${detail}` : error.message) : null,
		data: json.data ?? null,
	};
}
