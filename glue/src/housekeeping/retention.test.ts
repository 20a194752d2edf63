// The text retention on the real PostgreSQL, with the job's clock injected: rows are placed at known
// ages and the job is run "later" by handing it a later `now`.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { migrate } from '../log-store/migrate.ts';
import { recordDecision, recordInboundEvent } from '../log-store/repository.ts';
import type { DecisionInput, InboundEventInput } from '../log-store/schemas.ts';
import { createTestDatabase, type TestDatabase } from '../log-store/test-database.ts';
import { recordMetaWebhook } from '../log-store/meta-events.ts';
import { splitWhatsAppWebhook } from '../meta/whatsapp-webhook.ts';
import { redactExpiredText, retentionCutoff } from './retention.ts';

const DAY_MS = 86_400_000;
const NOW = new Date('2026-12-06T03:00:00.000Z');
const daysBefore = (days: number, from = NOW) => new Date(from.getTime() - days * DAY_MS);

let nextId = 7000;

const message = (conversationId: number) => ({
	event: 'message_created',
	id: ++nextId,
	content: 'My card ends in 4242, please cancel my plan',
	message_type: 'incoming',
	private: false,
	content_type: 'text',
	created_at: 1_765_000_000,
	conversation: { id: conversationId, status: 'pending', inbox_id: 3 },
	sender: { type: 'contact', id: 9, name: 'Ana Souza', phone_number: '+351910000000' },
	attachments: [{ id: 1, file_type: 'image', data_url: 'https://chat.example.com/rails/x.png' }],
});

const inboundEvent = (overrides: Partial<InboundEventInput> = {}): InboundEventInput => {
	const payload = message(41);
	return {
		source: 'agent_bot',
		deliveryId: `delivery-${payload.id}`,
		chatwootMessageId: payload.id,
		conversationId: 41,
		accountId: 1,
		inboxId: 3,
		event: 'message_created',
		payload,
		status: 'done',
		...overrides,
	};
};

const verdict = {
	intent: 'cancel_plan',
	department: 'billing',
	urgency: 'high',
	sentiment: 'negative',
	language: 'en',
	confidence: 0.42,
	needs_human: true,
	handoff_reason: 'Ana wants to cancel and gave her card number.',
	reply: 'I am sorry to hear that, Ana.',
	summary: 'Customer Ana wants to cancel; card 4242.',
	used_content_ids: ['plan:3'],
};

const decision = (inboundEventId: number): DecisionInput => ({
	inboundEventId,
	conversationId: 41,
	department: 'billing',
	intent: 'cancel_plan',
	urgency: 'high',
	sentiment: 'negative',
	language: 'en',
	confidence: 0.42,
	needsHuman: true,
	handoffReason: verdict.handoff_reason,
	outcome: 'handed_off',
	triage: {
		output: { ...verdict, reply: '' },
		claudeOutput: verdict,
		source: 'claude',
		fallback: null,
		guard: { blocked: false },
		messageId: 'msg_01',
		requestId: null,
		stopReason: 'end_turn',
	},
	model: 'claude-test-model',
	inputTokens: 1834,
	outputTokens: 212,
	costUsd: 0.012345,
	latencyMs: 1840,
	contentIds: ['plan:3'],
});

describe('retention', () => {
	let database: TestDatabase;
	let pool: pg.Pool;

	before(async () => {
		database = await createTestDatabase();
		pool = database.pool();
		await migrate(pool);
	});
	after(() => database.drop());

	/** A ledger row received `ageDays` before NOW, and its decision made at the same time. */
	const triaged = async (ageDays: number, overrides: Partial<InboundEventInput> = {}) => {
		const at = daysBefore(ageDays);
		const { id } = await recordInboundEvent(pool, inboundEvent({ receivedAt: at, ...overrides }));
		const { id: decisionId } = await recordDecision(pool, decision(id));
		await pool.query('update sb_ai_decisions set created_at = $2 where id = $1', [decisionId, at]);
		return { id, decisionId };
	};
	const eventRow = async (id: number) =>
		(
			await pool.query(
				'select payload, status, text_redacted_at from sb_inbound_events where id = $1',
				[id],
			)
		).rows[0] as {
			payload: Record<string, unknown>;
			status: string;
			text_redacted_at: Date | null;
		};
	const decisionRow = async (id: number) =>
		(
			await pool.query(
				`select triage, handoff_reason, intent, confidence::float as confidence, cost_usd::float as cost,
					input_tokens, text_redacted_at from sb_ai_decisions where id = $1`,
				[id],
			)
		).rows[0] as Record<string, unknown> & { triage: Record<string, unknown> };

	describe('retentionCutoff', () => {
		it('should put the cutoff whole days before now', () => {
			assert.deepEqual(retentionCutoff(NOW, 14), new Date('2026-11-22T03:00:00.000Z'));
		});

		it('should refuse a retention under one day or not whole, naming the value', () => {
			assert.throws(
				() => retentionCutoff(NOW, 0),
				/retentionDays must be a whole number ≥ 1, not 0/,
			);
			assert.throws(() => retentionCutoff(NOW, 1.5), /not 1\.5/);
		});
	});

	describe('redactExpiredText', () => {
		it('should remove the text of old rows and keep the decision, its figures and the who and when', async () => {
			const old = await triaged(15);
			const result = await redactExpiredText(pool, { now: NOW, retentionDays: 14 });
			assert.ok(result.inboundEvents >= 1 && result.decisions >= 1);
			assert.deepEqual(result.cutoff, daysBefore(14));

			const event = await eventRow(old.id);
			assert.equal(event.status, 'done');
			assert.deepEqual(event.text_redacted_at, NOW);
			assert.deepEqual(event.payload, {
				event: 'message_created',
				id: (event.payload as { id: number }).id,
				message_type: 'incoming',
				private: false,
				content_type: 'text',
				created_at: 1_765_000_000,
				conversation: { id: 41, status: 'pending' },
				attachment_count: 1,
				redacted: true,
			});

			const row = await decisionRow(old.decisionId);
			assert.equal(row.handoff_reason, null);
			assert.equal(row.intent, 'cancel_plan');
			assert.equal(row.confidence, 0.42);
			assert.equal(row.cost, 0.012345);
			assert.equal(row.input_tokens, 1834);
			assert.deepEqual(row.text_redacted_at, NOW);
			const kept = {
				intent: 'cancel_plan',
				department: 'billing',
				urgency: 'high',
				sentiment: 'negative',
				language: 'en',
				confidence: 0.42,
				needs_human: true,
				used_content_ids: ['plan:3'],
			};
			assert.deepEqual(row.triage, {
				output: kept,
				claudeOutput: kept,
				source: 'claude',
				fallback: null,
				guard: { blocked: false },
				messageId: 'msg_01',
				requestId: null,
				stopReason: 'end_turn',
				redacted: true,
			});
			assert.doesNotMatch(JSON.stringify([event, row]), /4242|Ana|sorry/);
		});

		it('should keep the text of rows younger than the retention', async () => {
			const young = await triaged(13);
			await redactExpiredText(pool, { now: NOW, retentionDays: 14 });
			assert.equal((await eventRow(young.id)).payload.content, message(41).content);
			assert.equal((await decisionRow(young.decisionId)).handoff_reason, verdict.handoff_reason);
		});

		it('should never touch a row still to be forwarded or a dead letter, however old', async () => {
			const ids = [];
			for (const status of ['pending', 'dead'] as const) {
				ids.push(
					(await recordInboundEvent(pool, inboundEvent({ receivedAt: daysBefore(40), status }))).id,
				);
			}
			await redactExpiredText(pool, { now: NOW, retentionDays: 14 });
			for (const id of ids) {
				const event = await eventRow(id);
				assert.equal(event.text_redacted_at, null);
				assert.equal(event.payload.content, message(41).content);
			}
		});

		it('should change nothing when run again, and take the next day’s rows a day later', async () => {
			const ageing = await triaged(13.5);
			await redactExpiredText(pool, { now: NOW, retentionDays: 14 });
			assert.deepEqual(await redactExpiredText(pool, { now: NOW, retentionDays: 14 }), {
				cutoff: daysBefore(14),
				inboundEvents: 0,
				decisions: 0,
				metaWebhooks: 0,
				metaEvents: 0,
			});
			const tomorrow = new Date(NOW.getTime() + DAY_MS);
			assert.deepEqual(await redactExpiredText(pool, { now: tomorrow, retentionDays: 14 }), {
				cutoff: daysBefore(14, tomorrow),
				inboundEvents: 1,
				decisions: 1,
				metaWebhooks: 0,
				metaEvents: 0,
			});
			assert.deepEqual((await eventRow(ageing.id)).text_redacted_at, tomorrow);
		});

		it('should work through more rows than one batch holds', async () => {
			for (let n = 0; n < 5; n++) await triaged(20);
			const result = await redactExpiredText(pool, { now: NOW, retentionDays: 14, batchSize: 2 });
			assert.deepEqual([result.inboundEvents, result.decisions], [5, 5]);
		});

		it('should empty old Meta webhooks and keep of their messages only ids, type and referral', async () => {
			const webhook = (wamid: string) => ({
				object: 'whatsapp_business_account',
				entry: [
					{
						id: 'WABA',
						changes: [
							{
								field: 'messages',
								value: {
									metadata: { display_phone_number: '15550000001', phone_number_id: '1' },
									contacts: [{ profile: { name: 'Ana Souza' }, wa_id: '351910000000' }],
									messages: [
										{
											from: '351910000000',
											id: wamid,
											timestamp: '1765000000',
											type: 'text',
											text: { body: 'My card ends in 4242' },
											referral: { source_id: 'AD1', ctwa_clid: 'CLID' },
										},
									],
									statuses: [{ id: `${wamid}.out`, status: 'read', recipient_id: '351910000000' }],
								},
							},
						],
					},
				],
			});
			const store = async (wamid: string, ageDays: number, forwardState: string) => {
				const body = JSON.stringify(webhook(wamid));
				const { webhookId } = await recordMetaWebhook(pool, {
					body,
					items: splitWhatsAppWebhook(JSON.parse(body)),
				});
				await pool.query('update sb_meta_webhooks set received_at = $2 where id = $1', [
					webhookId,
					daysBefore(ageDays),
				]);
				await pool.query(
					'update sb_meta_events set received_at = $2, forward_state = $3 where webhook_id = $1',
					[webhookId, daysBefore(ageDays), forwardState],
				);
				return webhookId;
			};
			const old = await store('wamid.OLD', 30, 'done');
			const waiting = await store('wamid.WAITING', 30, 'pending');
			const young = await store('wamid.YOUNG', 3, 'done');
			const result = await redactExpiredText(pool, { now: NOW, retentionDays: 14 });
			assert.deepEqual([result.metaWebhooks, result.metaEvents], [1, 1]);
			const bodies = await pool.query(
				'select id::int, body, text_redacted_at from sb_meta_webhooks order by id',
			);
			const byId = new Map(bodies.rows.map((row) => [row.id, row]));
			assert.equal(byId.get(old).body, '');
			assert.match(byId.get(waiting).body, /4242/);
			assert.match(byId.get(young).body, /4242/);
			const events = await pool.query(
				'select kind, payload from sb_meta_events where webhook_id = $1 order by id',
				[old],
			);
			assert.deepEqual(events.rows[0].payload, {
				redacted: true,
				entry: [
					{
						changes: [
							{
								value: {
									messages: [
										{
											id: 'wamid.OLD',
											type: 'text',
											timestamp: '1765000000',
											referral: { source_id: 'AD1', ctwa_clid: 'CLID' },
										},
									],
								},
							},
						],
					},
				],
			});
			assert.equal(events.rows[1].kind, 'status');
			assert.doesNotMatch(JSON.stringify(events.rows), /4242/);
		});

		it('should keep a decision whose Claude output is missing (the fallback answered)', async () => {
			const { id } = await recordInboundEvent(pool, inboundEvent({ receivedAt: daysBefore(30) }));
			const fallback = decision(id);
			fallback.triage = { ...fallback.triage, claudeOutput: null, source: 'fallback' };
			const { id: decisionId } = await recordDecision(pool, { ...fallback, outcome: 'fallback' });
			await pool.query('update sb_ai_decisions set created_at = $2 where id = $1', [
				decisionId,
				daysBefore(30),
			]);
			await redactExpiredText(pool, { now: NOW, retentionDays: 14 });
			const row = await decisionRow(decisionId);
			assert.equal(row.triage.source, 'fallback');
			assert.equal('claudeOutput' in row.triage, false);
			assert.equal((row.triage.output as Record<string, unknown>).summary, undefined);
		});
	});
});
