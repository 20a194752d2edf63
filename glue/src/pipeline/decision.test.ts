import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decisionsByConversation, recordDecision } from '../log-store/repository.ts';
import { migrate } from '../log-store/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../log-store/test-database.ts';
import type { TriageResult } from '../triage/result.ts';
import { makeTriageResult } from '../triage/test-fixtures.ts';
import { bookingChatRoute } from './booking-route.ts';
import { decisionRow, outcomeOf, triageItem } from './decision.ts';

const triageResult = (overrides: Partial<TriageResult> = {}) => makeTriageResult({}, overrides);

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

	describe('bookingChatRoute', () => {
		it('should take an answer to the booking assistant, whatever the triage read', () => {
			assert.deepEqual(
				bookingChatRoute({ department: 'sales', awaitingAnswer: true, appointment: 'none' }),
				{
					action: 'booking_chat',
					rule: 'answering_booking_chat',
					department: 'sales',
					request: null,
				},
			);
		});

		it('should take a wish to book or change, and leave everything else to the triage route', () => {
			assert.equal(
				bookingChatRoute({ department: 'sales', awaitingAnswer: false, appointment: 'book' })
					?.request,
				'book',
			);
			assert.equal(
				bookingChatRoute({ department: 'sales', awaitingAnswer: false, appointment: 'none' }),
				null,
			);
			assert.equal(bookingChatRoute({ department: 'sales', awaitingAnswer: false }), null);
		});

		it('should be logged as booking_chat, even when Claude was down, but not after a bot failure', () => {
			const route = { action: 'booking_chat' as const };
			assert.equal(outcomeOf(route, 'claude'), 'booking_chat');
			assert.equal(outcomeOf(route, 'fallback'), 'booking_chat');
			assert.equal(
				outcomeOf({ ...route, afterBotFailure: true }, 'claude'),
				'handed_off_after_bot_failure',
			);
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
					n8nExecutionId: '4711',
				}),
			);
			const [row] = await decisionsByConversation(pool, { conversationId: 7 });
			// The n8n execution that decided, for an operator (and verify) to open.
			assert.equal((row?.triage as { n8nExecutionId: string }).n8nExecutionId, '4711');
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

		it('should log a message the booking chat answered once, as booking_chat, saying why', async () => {
			const pool = database.pool();
			const triage = triageResult();
			triage.output = { ...triage.output, appointment: 'change' };
			const route = bookingChatRoute({
				department: 'sales',
				awaitingAnswer: false,
				appointment: 'change',
			});
			assert.ok(route);
			const { id } = await recordDecision(
				pool,
				decisionRow({ conversationId: 11, triage: triageItem(triage), route }),
			);
			const rows = await decisionsByConversation(pool, { conversationId: 11 });
			assert.deepEqual(
				rows.map((row) => [
					row.id,
					row.outcome,
					(row.triage as { bookingChat?: string }).bookingChat,
				]),
				[[id, 'booking_chat', 'appointment_request']],
			);
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
