import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { migrate } from '../log-store/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../log-store/test-database.ts';
import {
	applyTriageProposal,
	contactStage,
	moveStage,
	recordAgentStageChange,
	stageHistory,
} from './repository.ts';
import { StageInputError } from './stage-input-error.ts';
import { StageMoveError } from './stage-move-error.ts';

describe('stages repository', () => {
	let db: TestDatabase;
	let pool: pg.Pool;
	let nextContact = 100;
	const newContact = () => ({ accountId: 1, contactId: nextContact++ });

	before(async () => {
		db = await createTestDatabase();
		pool = db.pool();
		await migrate(pool);
	});
	after(() => db.drop());

	const currentRow = async (key: { accountId: number; contactId: number }) =>
		(
			await pool.query(
				'select stage, engaged_at, qualified_at, booked_at, lost_at, reached_engaged, reached_qualified, reached_booked from sb_contact_stages where account_id = $1 and contact_id = $2',
				[key.accountId, key.contactId],
			)
		).rows[0] as Record<string, unknown> | undefined;

	describe('contactStage', () => {
		it('should say new, since never, for a contact nothing has moved', async () => {
			assert.deepEqual(await contactStage(pool, newContact()), { stage: 'new', since: null });
		});

		it('should refuse a contact id that is not a positive integer', async () => {
			await assert.rejects(contactStage(pool, { accountId: 1, contactId: 0 }), StageInputError);
		});
	});

	describe('moveStage', () => {
		it('should append each move and keep the whole path readable, oldest first', async () => {
			const key = newContact();
			const first = await moveStage(pool, { ...key, to: 'engaged', by: 'workflow', why: 'demo' });
			assert.equal(first.moved, true);
			await moveStage(pool, { ...key, to: 'qualified', by: 'agent', conversationId: 7 });
			const history = await stageHistory(pool, key);
			assert.deepEqual(
				history.map((t) => [t.from, t.to, t.by, t.why, t.conversationId]),
				[
					['new', 'engaged', 'workflow', 'demo', null],
					['engaged', 'qualified', 'agent', null, 7],
				],
			);
			const now = await contactStage(pool, key);
			assert.equal(now.stage, 'qualified');
			assert.deepEqual(now.since, history[1]?.at);
		});

		it('should change nothing when the contact is already in that stage', async () => {
			const key = newContact();
			await moveStage(pool, { ...key, to: 'engaged', by: 'workflow' });
			assert.deepEqual(await moveStage(pool, { ...key, to: 'engaged', by: 'workflow' }), {
				moved: false,
				stage: 'engaged',
			});
			assert.equal((await stageHistory(pool, key)).length, 1);
		});

		it('should refuse a move the table does not allow, and record nothing', async () => {
			const key = newContact();
			await moveStage(pool, { ...key, to: 'customer', by: 'agent' });
			await assert.rejects(moveStage(pool, { ...key, to: 'engaged', by: 'agent' }), StageMoveError);
			assert.equal((await contactStage(pool, key)).stage, 'customer');
			assert.equal((await stageHistory(pool, key)).length, 1);
		});

		it('should refuse an unknown stage or actor before touching the database', async () => {
			const key = newContact();
			await assert.rejects(
				moveStage(pool, { ...key, to: 'won' as never, by: 'agent' }),
				(error: unknown) => error instanceof StageInputError && /to:/.test(error.message),
			);
			await assert.rejects(
				moveStage(pool, { ...key, to: 'lost', by: 'robot' as never }),
				StageInputError,
			);
			assert.equal(await currentRow(key), undefined);
		});

		it('should stamp the stages a skip passed over as reached, for the funnel', async () => {
			const key = newContact();
			await moveStage(pool, { ...key, to: 'booked', by: 'rule', why: 'a booking' });
			await moveStage(pool, { ...key, to: 'lost', by: 'agent' });
			const row = await currentRow(key);
			assert.equal(row?.stage, 'lost');
			assert.ok(row?.engaged_at && row.qualified_at && row.booked_at && row.lost_at);
			assert.deepEqual(
				[row.reached_engaged, row.reached_qualified, row.reached_booked],
				[100, 100, 100],
			);
		});

		it('should serialise concurrent moves of one contact: each starts where the last ended', async () => {
			const key = newContact();
			const results = await Promise.allSettled([
				moveStage(pool, { ...key, to: 'engaged', by: 'workflow' }),
				moveStage(pool, { ...key, to: 'qualified', by: 'workflow' }),
				moveStage(pool, { ...key, to: 'lost', by: 'workflow' }),
			]);
			assert.ok(results.every((r) => r.status === 'fulfilled'));
			const history = await stageHistory(pool, key);
			for (const [i, t] of history.entries()) {
				assert.equal(t.from, i === 0 ? 'new' : history[i - 1]?.to);
			}
		});

		it('should keep the history append-only: an update is refused by the database', async () => {
			const key = newContact();
			const moved = await moveStage(pool, { ...key, to: 'engaged', by: 'workflow' });
			assert.ok(moved.moved);
			await assert.rejects(
				pool.query("update sb_stage_transitions set to_stage = 'lost' where id = $1", [
					moved.transition.id,
				]),
				/append-only/,
			);
		});
	});

	describe('applyTriageProposal', () => {
		it('should record a forward proposal above the threshold as a triage move with its confidence', async () => {
			const key = newContact();
			const result = await applyTriageProposal(pool, {
				...key,
				conversationId: 9,
				proposed: 'engaged',
				confidence: 0.8,
				threshold: 0.75,
				source: 'claude',
			});
			assert.equal(result.stage, 'engaged');
			assert.deepEqual(
				(await stageHistory(pool, key)).map((t) => [
					t.from,
					t.to,
					t.by,
					t.confidence,
					t.conversationId,
				]),
				[['new', 'engaged', 'triage', 0.8, 9]],
			);
		});

		it('should record nothing but still count a new contact when the rule keeps the stage', async () => {
			const key = newContact();
			const result = await applyTriageProposal(pool, {
				...key,
				proposed: 'engaged',
				confidence: 0.5,
				threshold: 0.75,
				source: 'claude',
			});
			assert.equal(result.transition, null);
			assert.equal(!result.decision.move && result.decision.reason, 'below_threshold');
			assert.equal((await currentRow(key))?.stage, 'new');
			assert.deepEqual(await stageHistory(pool, key), []);
		});
	});

	describe('recordAgentStageChange', () => {
		it("should record an agent's change as an agent move", async () => {
			const key = newContact();
			await moveStage(pool, { ...key, to: 'qualified', by: 'triage' });
			const outcome = await recordAgentStageChange(pool, {
				...key,
				previous: 'qualified',
				current: 'lost',
			});
			assert.equal(outcome.kind, 'recorded');
			assert.deepEqual(
				(await stageHistory(pool, key)).map((t) => [t.to, t.by]),
				[
					['qualified', 'triage'],
					['lost', 'agent'],
				],
			);
		});

		it('should not record our own mirror write coming back, even late', async () => {
			const key = newContact();
			await moveStage(pool, { ...key, to: 'engaged', by: 'triage' });
			// The echo of the mirror, while the log still says engaged.
			const echo = await recordAgentStageChange(pool, {
				...key,
				previous: 'new',
				current: 'engaged',
			});
			assert.deepEqual(echo, { kind: 'ignored', reason: 'unchanged', stage: 'engaged' });
			await moveStage(pool, { ...key, to: 'qualified', by: 'triage' });
			// The same echo arriving after the next move.
			const late = await recordAgentStageChange(pool, {
				...key,
				previous: 'new',
				current: 'engaged',
			});
			assert.deepEqual(late, { kind: 'ignored', reason: 'own_echo', stage: 'qualified' });
			assert.equal((await stageHistory(pool, key)).length, 2);
		});

		it('should refuse a change the table forbids and say where the contact is', async () => {
			const key = newContact();
			await moveStage(pool, { ...key, to: 'engaged', by: 'triage' });
			const outcome = await recordAgentStageChange(pool, {
				...key,
				previous: 'engaged',
				current: 'new',
			});
			assert.equal(outcome.kind, 'refused');
			assert.equal(outcome.stage, 'engaged');
		});

		it('should ignore a value that is not a stage', async () => {
			const key = newContact();
			const outcome = await recordAgentStageChange(pool, {
				...key,
				previous: null,
				current: 'won',
			});
			assert.deepEqual(outcome, { kind: 'ignored', reason: 'not_a_stage', stage: 'new' });
		});
	});
});
