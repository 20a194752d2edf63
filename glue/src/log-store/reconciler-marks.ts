// Each reconciler's high-water mark: the instant up to which it has compared Chatwoot with the
// ledger. Kept in the database so a restart (or another instance) carries on where it stopped.
import type { Query } from './queries.ts';
import type { Queryable } from './repository.ts';

export function selectReconcilerMark(name: string): Query {
	return {
		text: 'select high_water_mark as "mark" from sb_reconciler_marks where name = $1',
		values: [name],
	};
}

/** Only ever forward: a slow run finishing after a newer one must not rewind the mark. */
export function upsertReconcilerMark(name: string, mark: Date): Query {
	return {
		text:
			'insert into sb_reconciler_marks (name, high_water_mark) values ($1, $2)' +
			' on conflict (name) do update set high_water_mark =' +
			' greatest(sb_reconciler_marks.high_water_mark, excluded.high_water_mark), updated_at = now()' +
			' returning high_water_mark as "mark"',
		values: [name, mark],
	};
}

/** null before the first run. */
export async function readReconcilerMark(db: Queryable, name: string): Promise<Date | null> {
	const query = selectReconcilerMark(name);
	const [row] = (await db.query(query.text, query.values)).rows as { mark: Date }[];
	return row?.mark ?? null;
}

/** Returns the mark now stored, which is `mark` or a later one. */
export async function saveReconcilerMark(db: Queryable, name: string, mark: Date): Promise<Date> {
	const query = upsertReconcilerMark(name, mark);
	const [row] = (await db.query(query.text, query.values)).rows as { mark: Date }[];
	return row?.mark ?? mark;
}
