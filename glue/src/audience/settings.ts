// The sender's rate and the portfolio's messaging limit, from the environment (the sender's and
// Directus's read the same variables, .env.example), and the suppression list read through
// Directus's own database connection, for the estimate the Directus extensions show.
import { phoneDigits } from '../broadcasts/model.ts';
import type { Queryable } from '../broadcasts/suppressions.ts';
import {
	LAST_CUSTOMER_MESSAGES,
	lastMessagesFrom,
	type BroadcastStoreDeps,
	type EstimateOptions,
} from './directus-store.ts';

/** BROADCAST_RATE_PER_SECOND, or the number's own in BROADCAST_RATE_PER_NUMBER (JSON by phone-number id). */
export function broadcastSettingsFromEnv(
	env: Readonly<Record<string, unknown>>,
	phoneNumberId?: string,
): EstimateOptions {
	let perNumber: unknown;
	try {
		perNumber = JSON.parse(String(env.BROADCAST_RATE_PER_NUMBER || '{}'));
	} catch {
		// The sender refuses a malformed value at start; the estimate uses the default rate.
		perNumber = {};
	}
	const own =
		phoneNumberId && perNumber && typeof perNumber === 'object'
			? (perNumber as Record<string, unknown>)[phoneNumberId]
			: undefined;
	const rate = Number(own ?? env.BROADCAST_RATE_PER_SECOND ?? 80);
	const limit = Number(env.WHATSAPP_MESSAGING_LIMIT ?? Number.NaN);
	return {
		ratePerSecond: Number.isFinite(rate) && rate > 0 ? rate : 80,
		messagingLimit: Number.isFinite(limit) && limit > 0 ? limit : null,
	};
}

/** The part of knex (Directus's `database`) used here. */
export interface RawQuery {
	raw(sql: string, bindings: unknown[]): PromiseLike<unknown>;
}

export function suppressedPhonesVia(
	database: RawQuery,
): (phones: readonly string[]) => Promise<ReadonlySet<string>> {
	return async (phones) => {
		if (phones.length === 0) return new Set();
		const digits = [...new Set(phones.map(phoneDigits))];
		const result = (await database.raw(
			'select phone from sb_suppressions where phone = any(?) and (until is null or until > now())',
			[digits],
		)) as { rows: { phone: string }[] };
		return new Set(result.rows.map((row) => `+${row.phone}`));
	};
}

/** The customers' last messages (the 24-hour window) through Directus's own database connection. */
export function lastCustomerMessagesVia(
	database: RawQuery,
): NonNullable<BroadcastStoreDeps['lastCustomerMessages']> {
	// knex takes ? placeholders.
	const sql = LAST_CUSTOMER_MESSAGES.replace('$1', '?').replace('$2', '?');
	return async (phoneNumberId, phones) =>
		lastMessagesFrom(phones, async (digits) => {
			const result = (await database.raw(sql, [phoneNumberId, digits])) as {
				rows: { contact: string; at: Date | string }[];
			};
			return result.rows;
		});
}

/**
 * Directus's knex as the pg-style query runner glue's repositories take: `$n` placeholders become
 * knex's `?` (with the values in the order they appear), and knex's pg result has `rows`.
 */
export function queryableVia(database: RawQuery): Queryable {
	const query = async (text: string, values: readonly unknown[] = []) => {
		const bindings: unknown[] = [];
		const sql = text.replace(/\$(\d+)/g, (_match, n: string) => {
			bindings.push(values[Number(n) - 1]);
			return '?';
		});
		return database.raw(sql, bindings);
	};
	// pg's overloads (callbacks, QueryConfig) are not used by glue's repositories.
	return { query: query as unknown as Queryable['query'] };
}
