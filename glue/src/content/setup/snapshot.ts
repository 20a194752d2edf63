// The Directus schema snapshot (directus/schema/snapshot.json) and the diffs Directus computes
// against it. Only the collections the file names are ours: the diff is cut down to them, so the
// log tables and anything staff added in the Studio are never touched.
import { z } from 'zod/v4';
import type { SetupChange } from './changes.ts';

const record = z.record(z.string(), z.unknown());

// Loose objects: the snapshot goes back to Directus as it is, with every key it wrote.
export const snapshotSchema = z.looseObject({
	version: z.literal(1),
	directus: z.string().regex(/^\d+\.\d+\.\d+/, 'a Directus version such as 11.17.4'),
	vendor: z.string(),
	collections: z.array(
		// Folders have no `schema` key at all.
		z.looseObject({ collection: z.string(), meta: record.nullable(), schema: record.nullish() }),
	),
	fields: z.array(
		z.looseObject({
			collection: z.string(),
			field: z.string(),
			type: z.string().nullable(),
			meta: record.nullable(),
			// Alias fields (an m2m's list) have no column and no `schema` key at all.
			schema: record.nullish(),
		}),
	),
	systemFields: z.array(record).default([]),
	relations: z.array(
		z.looseObject({
			collection: z.string(),
			field: z.string(),
			related_collection: z.string().nullable(),
			meta: record.nullable(),
			schema: record.nullable(),
		}),
	),
});
export type Snapshot = z.output<typeof snapshotSchema>;

/** One deep-diff step (the deep-diff package's format, as Directus sends it). */
export interface DiffStep {
	kind: 'N' | 'D' | 'E' | 'A';
	path?: (string | number)[];
	lhs?: unknown;
	rhs?: unknown;
	index?: number;
	item?: DiffStep;
}

export interface DiffEntry {
	collection: string;
	field?: string;
	related_collection?: string | null;
	diff: DiffStep[];
}

export interface SnapshotDiff {
	collections: DiffEntry[];
	fields: DiffEntry[];
	systemFields: DiffEntry[];
	relations: DiffEntry[];
}

export function managedCollections(snapshot: Snapshot): Set<string> {
	return new Set(snapshot.collections.map((collection) => collection.collection));
}

/** The snapshot without some collections (their fields and relations too), e.g. for export. */
export function withoutCollections(
	snapshot: Snapshot,
	excluded: (name: string) => boolean,
): Snapshot {
	return {
		...snapshot,
		collections: snapshot.collections.filter((entry) => !excluded(entry.collection)),
		fields: snapshot.fields.filter((entry) => !excluded(entry.collection)),
		relations: snapshot.relations.filter((entry) => !excluded(entry.collection)),
	};
}

export interface DiffPlan {
	/** The hash Directus gave the live schema; /schema/apply checks it is still current. */
	hash: string;
	/** What to send to /schema/apply: our collections only, no system fields. */
	diff: SnapshotDiff;
	changes: SetupChange[];
	/** Deletions left out because `prune` was off. */
	skipped: SetupChange[];
}

const isDeletion = (entry: DiffEntry) => entry.diff[0]?.kind === 'D' && !entry.diff[0].path;

/** Cuts Directus's diff down to our collections and describes each change in words. */
export function planDiff(
	diff: SnapshotDiff & { hash: string },
	managed: Set<string>,
	prune: boolean,
): DiffPlan {
	const plan: DiffPlan = {
		hash: diff.hash,
		diff: { collections: [], fields: [], systemFields: [], relations: [] },
		changes: [],
		skipped: [],
	};
	const kinds = [
		['collections', (entry: DiffEntry) => `collection ${entry.collection}`],
		['fields', (entry: DiffEntry) => `field ${entry.collection}.${entry.field}`],
		[
			'relations',
			(entry: DiffEntry) =>
				`relation ${entry.collection}.${entry.field}${entry.related_collection ? ` → ${entry.related_collection}` : ''}`,
		],
	] as const;
	for (const [kind, name] of kinds) {
		for (const entry of diff[kind] ?? []) {
			if (!managed.has(entry.collection)) continue;
			const change = describe(entry, name(entry));
			// Deleting a field drops its column and data: only when asked to.
			if (isDeletion(entry) && !prune) {
				plan.skipped.push(change);
				continue;
			}
			plan.diff[kind].push(entry);
			plan.changes.push(change);
		}
	}
	return plan;
}

function describe(entry: DiffEntry, target: string): SetupChange {
	const first = entry.diff[0];
	if (first && !first.path && first.kind === 'N') return { action: 'create', target };
	if (first && !first.path && first.kind === 'D') return { action: 'delete', target };
	const paths = [
		...new Set(
			entry.diff.map((step) => {
				const path = (step.path ?? []).join('.');
				return step.kind === 'A' ? `${path}[${step.index}]` : path;
			}),
		),
	];
	const shown = paths.slice(0, 6).join(', ') + (paths.length > 6 ? ', …' : '');
	return { action: 'update', target, detail: shown };
}
