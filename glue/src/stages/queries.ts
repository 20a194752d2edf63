// The stages' SQL: text plus values, never interpolated input. Builders only; repository.ts runs them.
import type { StageActor, Stage } from './lifecycle.ts';

export interface Query {
	text: string;
	values: unknown[];
}

export interface ContactKey {
	accountId: number;
	contactId: number;
}

const CURRENT_COLUMNS = 'stage, since, last_transition_id as "lastTransitionId"';

const TRANSITION_COLUMNS = [
	'id',
	'account_id as "accountId"',
	'contact_id as "contactId"',
	'conversation_id as "conversationId"',
	'from_stage as "from"',
	'to_stage as "to"',
	'moved_by as "by"',
	'reason as "why"',
	'confidence',
	'moved_at as "at"',
].join(', ');

export function selectCurrentStage(key: ContactKey): Query {
	return {
		text: `select ${CURRENT_COLUMNS} from sb_contact_stages where account_id = $1 and contact_id = $2`,
		values: [key.accountId, key.contactId],
	};
}

/** A contact the stages have not seen starts as `new`; a known one is left as it is. */
export function insertNewContact(key: ContactKey): Query {
	return {
		text:
			'insert into sb_contact_stages (account_id, contact_id, stage) values ($1, $2, $3)' +
			' on conflict (account_id, contact_id) do nothing',
		values: [key.accountId, key.contactId, 'new'],
	};
}

/** Row lock: concurrent moves of one contact happen one after the other. */
export function lockCurrentStage(key: ContactKey): Query {
	const select = selectCurrentStage(key);
	return { text: `${select.text} for update`, values: select.values };
}

export interface TransitionRow extends ContactKey {
	conversationId: number | null;
	from: Stage;
	to: Stage;
	by: StageActor;
	why: string | null;
	confidence: number | null;
	at: Date;
}

export function insertTransition(row: TransitionRow): Query {
	return {
		text:
			'insert into sb_stage_transitions' +
			' (account_id, contact_id, conversation_id, from_stage, to_stage, moved_by, reason, confidence, moved_at)' +
			` values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning ${TRANSITION_COLUMNS}`,
		values: [
			row.accountId,
			row.contactId,
			row.conversationId,
			row.from,
			row.to,
			row.by,
			row.why,
			row.confidence,
			row.at,
		],
	};
}

/**
 * Moves the current row and stamps the first time each stage of the line was reached, up to and
 * including the new one (`reachedUpTo` is its rank; null for `lost`, which stamps only `lost_at`).
 */
export function updateCurrentStage(
	key: ContactKey,
	move: { to: Stage; at: Date; transitionId: number; reachedUpTo: number | null },
): Query {
	const reached = (rank: number, column: string) =>
		`${column} = case when $6::int >= ${rank} then coalesce(${column}, $4) else ${column} end`;
	return {
		text:
			'update sb_contact_stages set stage = $3, since = $4, last_transition_id = $5, ' +
			[
				reached(1, 'engaged_at'),
				reached(2, 'qualified_at'),
				reached(3, 'booked_at'),
				reached(4, 'customer_at'),
				`lost_at = case when $3 = 'lost' then coalesce(lost_at, $4) else lost_at end`,
			].join(', ') +
			' where account_id = $1 and contact_id = $2',
		values: [
			key.accountId,
			key.contactId,
			move.to,
			move.at,
			move.transitionId,
			move.reachedUpTo ?? -1,
		],
	};
}

/** Oldest first, so it reads as the contact's path. */
export function selectHistory(key: ContactKey, limit: number): Query {
	return {
		text:
			`select ${TRANSITION_COLUMNS} from (select * from sb_stage_transitions` +
			' where account_id = $1 and contact_id = $2 order by id desc limit $3) newest order by id',
		values: [key.accountId, key.contactId, limit],
	};
}

/** Whether we (not an agent) made exactly this move for the contact: a Chatwoot echo of our mirror. */
export function selectOwnMove(key: ContactKey, from: Stage, to: Stage): Query {
	return {
		text:
			'select id from sb_stage_transitions where account_id = $1 and contact_id = $2' +
			" and from_stage = $3 and to_stage = $4 and moved_by <> 'agent' order by id desc limit 1",
		values: [key.accountId, key.contactId, from, to],
	};
}

/** Contacts whose Chatwoot attribute does not show their stage, due for a write, oldest first. */
export function selectUnmirrored(accountId: number, limit: number): Query {
	return {
		text:
			'select contact_id as "contactId", stage from sb_contact_stages' +
			' where account_id = $1 and mirrored_stage is distinct from stage' +
			' and (mirror_after is null or mirror_after <= now()) order by id limit $2',
		values: [accountId, limit],
	};
}

/** What Chatwoot shows now (a write of ours, an agent's pick); null when unknown. */
export function setMirrored(
	key: ContactKey,
	shown: string | null,
	error: string | null = null,
): Query {
	return {
		text:
			'update sb_contact_stages set mirrored_stage = $3, mirror_attempts = 0, mirror_after = null,' +
			' mirror_error = $4 where account_id = $1 and contact_id = $2',
		values: [key.accountId, key.contactId, shown, error],
	};
}

/** A failed write waits 2, 4, 8 … up to 300 seconds before the next try. */
export function setMirrorFailed(key: ContactKey, error: string): Query {
	return {
		text:
			'update sb_contact_stages set mirror_attempts = mirror_attempts + 1, mirror_error = $3,' +
			' mirror_after = now() + make_interval(secs => least(power(2, mirror_attempts + 1), 300))' +
			' where account_id = $1 and contact_id = $2',
		values: [key.accountId, key.contactId, error],
	};
}
