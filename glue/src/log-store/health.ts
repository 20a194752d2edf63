import { LogStoreError } from './log-store-error.ts';
import type { Queryable } from './repository.ts';

/** The tables the writers need; created by migrations/. */
export const LOG_STORE_TABLES = [
	'sb_inbound_events',
	'sb_ai_decisions',
	'sb_replies_handoffs',
	'sb_social_posts',
	'sb_inbound_claims',
	'sb_content_snapshot',
	'sb_pending_leads',
	'sb_stage_transitions',
	'sb_contact_stages',
] as const;

/**
 * Checks that the database answers and that the Switchboard tables exist, so a misconfigured
 * writer fails when it is set up rather than on the first customer message.
 */
export async function checkLogStore(db: Queryable): Promise<void> {
	const { rows } = await db.query(
		'select name from unnest($1::text[]) as name where to_regclass(name) is null',
		[[...LOG_STORE_TABLES]],
	);
	const missing = rows.map((row) => (row as { name: string }).name);
	if (missing.length > 0) {
		throw new LogStoreError(
			`log store: tables ${missing.join(', ')} are missing from this database; apply the migrations (npm start or the gateway does) or pick the database that holds them`,
		);
	}
}
