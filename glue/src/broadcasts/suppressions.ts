// Who must not get broadcasts. An opt-out or Meta's 131050 suppresses for good; Meta's 131049
// (per-user marketing cap) only for 24 hours. The sender checks at every send, so an opt-out that
// arrives mid-broadcast is honoured.
import type { Pool } from 'pg';
import { phoneDigits } from './model.ts';

export type Queryable = Pick<Pool, 'query'>;

export interface SuppressOptions {
	/** Meta's error code when Meta caused it (131050, 131049). */
	code?: number;
	/** Suppressed only until then; for good when absent. */
	until?: Date;
}

/**
 * Suppresses `phone`. A suppression for good is never shortened by a temporary one; a temporary
 * one is lengthened when a later one ends later.
 */
export async function suppress(
	pool: Queryable,
	phone: string,
	reason: string,
	options: SuppressOptions = {},
): Promise<void> {
	await pool.query(
		`insert into sb_suppressions (phone, reason, code, until) values ($1, $2, $3, $4)
		 on conflict (phone) do update set
		 	reason = excluded.reason,
		 	code = excluded.code,
		 	until = case when excluded.until is null then null
		 		else greatest(sb_suppressions.until, excluded.until) end
		 where not (sb_suppressions.until is null and excluded.until is not null)`,
		[phoneDigits(phone), reason, options.code ?? null, options.until ?? null],
	);
}

/** Lifts any suppression of `phone` (START); true when there was one. */
export async function resubscribe(pool: Queryable, phone: string): Promise<boolean> {
	const result = await pool.query('delete from sb_suppressions where phone = $1', [
		phoneDigits(phone),
	]);
	return (result.rowCount ?? 0) > 0;
}

export async function isSuppressed(pool: Queryable, phone: string): Promise<boolean> {
	const result = await pool.query(
		'select 1 from sb_suppressions where phone = $1 and (until is null or until > now())',
		[phoneDigits(phone)],
	);
	return (result.rowCount ?? 0) > 0;
}

/** Which of `phones` (digits) are suppressed now. */
export async function suppressedAmong(
	pool: Queryable,
	phones: readonly string[],
): Promise<Set<string>> {
	if (phones.length === 0) return new Set();
	const result = await pool.query<{ phone: string }>(
		'select phone from sb_suppressions where phone = any($1::text[]) and (until is null or until > now())',
		[phones.map(phoneDigits)],
	);
	return new Set(result.rows.map((r) => r.phone));
}
