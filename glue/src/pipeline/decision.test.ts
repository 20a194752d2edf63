import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decisionsByConversation, recordDecision } from '../log-store/repository.ts';
import { migrate } from '../log-store/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../log-store/test-database.ts';
import type { TriageResult } from '../triage/result.ts';
import { decisionRow, outcomeOf, triageItem } from './decision.ts';

const triageResult = (overrides: Partial<TriageResult> = {}): TriageResult => {
	const output = {
		intent: 'plan_price',
		department: 'sales',
		urgency: 'low' as const,
		sentiment: 'neutral' as const,
		language: 'es',
		confidence: 0.91,
		needs_human: false,
		handoff_reason: null,
		reply: 'El plan Fibra 500 cuesta 29,99 € al mes.',
		summary: 'Asks the price of Fibra 500',
		used_content_ids: ['plan:3'],
		stage: null,
	};
	return {
		output,
		claudeOutput: output,
		draft: '',
		source: 'claude',
		fallback: null,
		guard: { blocked: false },
		model: 'claude-test-1',
		messageId: 'msg_1',
		requestId: null,
		stopReason: 'end_turn',
		inputTokens: 1200,
		outputTokens: 150,
		cacheReadTokens: 900,
		cacheWriteTokens: 0,
		costUsd: 0.004321,
		latencyMs: 830,
		...overrides,
	};
};

describe('decision', () => {
	describe('outcomeOf', () => {
		it("should call Claude's transfer transferred", () => {
			assert.equal(outcomeOf({ action: 'transfer' }, 'claude'), 'transferred');
		});
		it('should call every route of the fallback triage fallback, a transfer by keywords too', () => {
			assert.equal(outcomeOf({ action: 'handoff' }, 'fallback'), 'fallback');
			assert.equal(outcomeOf({ action: 'transfer' }, 'fallback'), 'fallback');
		});
		it("should map Claude's reply and hand-off to auto_replied and handed_off", () => {
			assert.equal(outcomeOf({ action: 'reply' }, 'claude'), 'auto_replied');
			assert.equal(outcomeOf({ action: 'handoff' }, 'claude'), 'handed_off');
		});
	});

	describe('decisionRow', () => {
		let database: TestDatabase;
		before(async () => {
			database = await createTestDatabase();
			await migrate(database.pool());
		});
		after(() => database.drop());

		it('should be accepted by the log store and read back with tokens, cost and content ids', async () => {
			const pool = database.pool();
			await recordDecision(
				pool,
				decisionRow({
					conversationId: 7,
					triage: triageItem(triageResult()),
					route: { action: 'reply' },
				}),
			);
			const [row] = await decisionsByConversation(pool, { conversationId: 7 });
			assert.equal(row?.outcome, 'auto_replied');
			assert.equal(row?.model, 'claude-test-1');
			assert.equal(row?.costUsd, 0.004321);
			assert.deepEqual(row?.contentIds, ['plan:3']);
			assert.equal((row?.triage as { source: string }).source, 'claude');
			assert.equal((row?.triage as { output: { intent: string } }).output.intent, 'plan_price');
		});

		it("should log a triage that says nothing about appointments, and keep one's answer when it does", async () => {
			const pool = database.pool();
			const silent = triageResult();
			assert.equal('appointment' in silent.output, false, 'the keyword fallback sets none');
			await recordDecision(
				pool,
				decisionRow({ conversationId: 10, triage: triageItem(silent), route: { action: 'reply' } }),
			);
			const booking = triageResult();
			booking.output = { ...booking.output, appointment: 'book' };
			await recordDecision(
				pool,
				decisionRow({
					conversationId: 10,
					triage: triageItem(booking),
					route: { action: 'reply' },
				}),
			);
			const rows = await decisionsByConversation(pool, { conversationId: 10 });
			const appointments = rows.map(
				(row) => (row.triage as { output: { appointment?: string } }).output.appointment,
			);
			assert.deepEqual(appointments.sort(), ['book', undefined]);
		});

		it('should survive the trip through a workflow item (JSON) unchanged', () => {
			const triage = triageItem(triageResult());
			const facts = { conversationId: 9, triage, route: { action: 'handoff' as const } };
			assert.deepEqual(
				decisionRow(JSON.parse(JSON.stringify(facts)) as typeof facts),
				decisionRow(facts),
			);
			assert.equal(decisionRow(facts).outcome, 'handed_off');
		});

		it('should log an unknown cost as null and an empty hand-off reason as none', async () => {
			const pool = database.pool();
			const result = triageResult({ costUsd: null });
			result.output = { ...result.output, handoff_reason: '  ' };
			await recordDecision(
				pool,
				decisionRow({
					conversationId: 8,
					triage: triageItem(result),
					route: { action: 'handoff' },
				}),
			);
			const [row] = await decisionsByConversation(pool, { conversationId: 8 });
			assert.equal(row?.costUsd, null);
			assert.equal(row?.handoffReason, null);
			assert.equal(row?.outcome, 'handed_off');
		});
	});
});
