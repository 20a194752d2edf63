// The last good read of the content routing needs, kept in sb_content_snapshot so that a restarted
// n8n can still route while Directus is down.
import type { ContentDb } from './content-db.ts';

export interface ContentSnapshot {
	content: unknown;
	/** When it was read from Directus. */
	readAt: Date;
}

export interface ContentSnapshotStore {
	load(key: string): Promise<ContentSnapshot | null>;
	save(key: string, content: unknown, readAt: Date): Promise<void>;
}

/** Snapshots of one Directus (its URL keys them, so two installations sharing a database agree). */
export function postgresSnapshotStore(db: ContentDb, directusUrl: string): ContentSnapshotStore {
	return {
		async load(key) {
			const { rows } = await db.query(
				'select content, read_at from sb_content_snapshot where directus_url = $1 and key = $2',
				[directusUrl, key],
			);
			const row = rows[0] as { content: unknown; read_at: Date } | undefined;
			return row ? { content: row.content, readAt: new Date(row.read_at) } : null;
		},
		async save(key, content, readAt) {
			// Never overwrite a newer snapshot with an older read (two n8n workers).
			await db.query(
				`insert into sb_content_snapshot (directus_url, key, content, read_at)
				values ($1, $2, $3::jsonb, $4)
				on conflict (directus_url, key) do update
					set content = excluded.content, read_at = excluded.read_at
					where sb_content_snapshot.read_at <= excluded.read_at`,
				[directusUrl, key, JSON.stringify(content), readAt],
			);
		},
	};
}
