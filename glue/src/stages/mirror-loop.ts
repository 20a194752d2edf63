// The mirror as an outbox: on an interval, write each contact's stage to Chatwoot where the log
// says Chatwoot shows something else (a move of ours, an agent's refused pick). Moves never wait
// on Chatwoot, and a write that failed is tried again later. The gateway runs it with its
// Chatwoot API token (an agent bot's token may not update contacts).
import { ChatwootNotFoundError } from '../chatwoot/errors.ts';
import { IntervalTask } from '../common/interval-task.ts';
import { stageSchema } from './lifecycle.ts';
import { mirrorStage, type StageMirrorContacts } from './mirror.ts';
import * as queries from './queries.ts';
import type { StageQueryable } from './repository.ts';

/** What the loop logs with; winston's logger fits. Ids and counts only. */
export interface StageMirrorLogger {
	debug(message: string, fields?: Record<string, unknown>): unknown;
	warn(message: string, fields?: Record<string, unknown>): unknown;
}

export interface StageMirrorDeps {
	db: StageQueryable;
	contacts: StageMirrorContacts;
	/** The Chatwoot account the client writes to; other accounts' contacts are left alone. */
	accountId: number;
	logger: StageMirrorLogger;
	/** 0 turns the loop off (runOnce still works). */
	intervalMs: number;
	batchSize?: number;
}

export interface StageMirrorResult {
	written: number;
	failed: number;
}

export class StageMirror {
	private readonly deps: StageMirrorDeps;
	private readonly loop: IntervalTask;

	constructor(deps: StageMirrorDeps) {
		this.deps = deps;
		this.loop = new IntervalTask(() => this.runOnce(), {
			intervalMs: deps.intervalMs,
			onError: (error) =>
				deps.logger.warn('stages: mirror run failed; the next run retries', {
					error: error instanceof Error ? error.message : String(error),
				}),
		});
	}

	start(): void {
		this.loop.start();
	}

	stop(): Promise<void> {
		return this.loop.stop();
	}

	/** One pass over the contacts Chatwoot shows the wrong stage for. */
	async runOnce(): Promise<StageMirrorResult> {
		const { db, accountId } = this.deps;
		const query = queries.selectUnmirrored(accountId, this.deps.batchSize ?? 50);
		const rows = (await db.query(query.text, query.values)).rows as {
			contactId: string | number;
			stage: string;
		}[];
		const result: StageMirrorResult = { written: 0, failed: 0 };
		for (const row of rows) {
			const key = { accountId, contactId: Number(row.contactId) };
			const stage = stageSchema.parse(row.stage);
			try {
				await mirrorStage(this.deps.contacts, key.contactId, stage);
				await this.write(queries.setMirrored(key, stage));
				result.written++;
			} catch (error) {
				if (error instanceof ChatwootNotFoundError) {
					// Deleted in Chatwoot: nothing to show it on; stop trying.
					await this.write(queries.setMirrored(key, stage, 'the contact is not in Chatwoot'));
					continue;
				}
				const message = error instanceof Error ? error.message : String(error);
				await this.write(queries.setMirrorFailed(key, message));
				result.failed++;
				this.deps.logger.warn('stages: could not show a stage in Chatwoot; retrying later', {
					contactId: key.contactId,
					error: message,
				});
			}
		}
		if (rows.length > 0) this.deps.logger.debug('stages: mirrored to Chatwoot', { ...result });
		return result;
	}

	private async write(query: queries.Query): Promise<void> {
		await this.deps.db.query(query.text, query.values);
	}
}
