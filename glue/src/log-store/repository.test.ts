import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { LogStoreNotFoundError, LogStoreValidationError } from './errors.ts';
import { migrate } from './migrate.ts';
import {
	claimSocialPost,
	completeSocialPost,
	decisionsByConversation,
	recordAction,
	recordDecision,
	recordInboundEvent,
} from './repository.ts';
import type { DecisionInput, InboundEventInput } from './schemas.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

let nextId = 1000;
const uniqueId = (): number => ++nextId;

const inboundEvent = (overrides: Partial<InboundEventInput> = {}): InboundEventInput => ({
	source: 'agent_bot',
	deliveryId: `delivery-${uniqueId()}`,
	chatwootMessageId: uniqueId(),
	conversationId: 7,
	accountId: 1,
	inboxId: 3,
	event: 'message_created',
	payload: { event: 'message_created', content_type: 'text', conversation: { id: 7 } },
	...overrides,
});

const triage = {
	intent: 'order_status',
	department: 'shipping',
	urgency: 'medium',
	sentiment: 'neutral',
	language: 'pt',
	confidence: 0.8734,
	suggested_reply: 'O seu pedido saiu ontem.',
	kb_refs: ['faq:12', 'plan:3'],
	nested: { ok: true, list: [1, null, 'ß'] },
};

const decision = (overrides: Partial<DecisionInput> = {}): DecisionInput => ({
	conversationId: 7,
	department: 'shipping',
	intent: 'order_status',
	urgency: 'medium',
	sentiment: 'neutral',
	language: 'pt',
	confidence: 0.8734,
	needsHuman: false,
	outcome: 'auto_replied',
	triage,
	model: 'claude-test-model',
	inputTokens: 1834,
	outputTokens: 212,
	cacheReadTokens: 1500,
	cacheWriteTokens: 0,
	costUsd: 0.012345,
	latencyMs: 1840,
	contentIds: ['faq:12', 'plan:3'],
	...overrides,
});

describe('repository', () => {
	let database: TestDatabase;
	let pool: pg.Pool;
	const count = async (table: string): Promise<number> => {
		const { rows } = await pool.query<{ n: number }>(`select count(*)::int as n from ${table}`);
		return rows[0]?.n ?? -1;
	};

	before(async () => {
		database = await createTestDatabase();
		pool = database.pool();
		await migrate(pool);
	});

	after(() => database.drop());

	describe('recordInboundEvent', () => {
		it('should report a duplicate with the first id when the delivery id repeats', async () => {
			const first = await recordInboundEvent(pool, inboundEvent({ deliveryId: 'd-1' }));
			const again = await recordInboundEvent(pool, inboundEvent({ deliveryId: 'd-1' }));
			assert.deepEqual(first, { id: first.id, duplicate: false });
			assert.deepEqual(again, { id: first.id, duplicate: true });
		});

		it('should report a duplicate when the same message arrives through another source', async () => {
			const first = await recordInboundEvent(pool, inboundEvent({ chatwootMessageId: 501 }));
			const replay = await recordInboundEvent(
				pool,
				inboundEvent({ source: 'reconciler', deliveryId: null, chatwootMessageId: 501 }),
			);
			assert.deepEqual(replay, { id: first.id, duplicate: true });
		});

		it('should keep the same message id apart when the accounts differ', async () => {
			await recordInboundEvent(pool, inboundEvent({ chatwootMessageId: 502 }));
			const other = await recordInboundEvent(
				pool,
				inboundEvent({ accountId: 2, chatwootMessageId: 502 }),
			);
			assert.equal(other.duplicate, false);
		});

		it('should store the payload and default to pending when only the required fields are given', async () => {
			const { id } = await recordInboundEvent(pool, {
				source: 'account',
				accountId: 1,
				event: 'conversation_status_changed',
				payload: { status: 'open' },
			});
			const { rows } = await pool.query(
				'select status, payload, attempts, delivery_id from sb_inbound_events where id = $1',
				[id],
			);
			assert.deepEqual(rows, [
				{ status: 'pending', payload: { status: 'open' }, attempts: 0, delivery_id: null },
			]);
		});

		it('should reject a dropped event without a reason and write nothing', async () => {
			const before = await count('sb_inbound_events');
			await assert.rejects(recordInboundEvent(pool, inboundEvent({ status: 'dropped' })), {
				name: 'LogStoreValidationError',
				field: 'dropReason',
			});
			assert.equal(await count('sb_inbound_events'), before);
		});
	});

	describe('recordDecision', () => {
		it('should round-trip the whole triage, tokens and cost when read back', async () => {
			const { id: inboundEventId } = await recordInboundEvent(pool, inboundEvent());
			const { id } = await recordDecision(pool, decision({ conversationId: 70, inboundEventId }));
			const [row] = await decisionsByConversation(pool, { conversationId: 70 });
			assert.ok(row);
			assert.ok(row.createdAt instanceof Date);
			assert.deepEqual(row, {
				...decision({ conversationId: 70, inboundEventId }),
				id,
				handoffReason: null,
				createdAt: row.createdAt,
			});
		});

		it('should reject a confidence above 1 naming the field and write nothing', async () => {
			const before = await count('sb_ai_decisions');
			await assert.rejects(recordDecision(pool, decision({ confidence: 1.5 })), (error) => {
				assert.ok(error instanceof LogStoreValidationError);
				assert.equal(error.field, 'confidence');
				assert.equal(error.httpStatus, 400);
				assert.equal(
					error.message,
					'log store: recordDecision got invalid input (confidence: Too big: expected number to be <=1); nothing was written',
				);
				return true;
			});
			assert.equal(await count('sb_ai_decisions'), before);
		});

		it('should reject an unknown outcome and write nothing', async () => {
			const before = await count('sb_ai_decisions');
			const input = { ...decision(), outcome: 'ignored' } as unknown as DecisionInput;
			await assert.rejects(recordDecision(pool, input), {
				name: 'LogStoreValidationError',
				message: /outcome: Invalid option: expected one of "auto_replied"\|"handed_off"/,
			});
			assert.equal(await count('sb_ai_decisions'), before);
		});

		it('should name the inbound event when it does not exist', async () => {
			await assert.rejects(recordDecision(pool, decision({ inboundEventId: 999_999 })), {
				name: 'LogStoreNotFoundError',
				message: 'log store: no inbound event 999999',
			});
		});
	});

	describe('recordAction', () => {
		it('should store labels as a text array when labelling', async () => {
			const { id: decisionId } = await recordDecision(
				pool,
				decision({ conversationId: 71, outcome: 'handed_off', needsHuman: true }),
			);
			const label = await recordAction(pool, {
				decisionId,
				conversationId: 71,
				kind: 'label',
				labels: ['needs-human', 'shipping'],
			});
			const { rows } = await pool.query(
				'select kind, labels, team from sb_replies_handoffs where id = $1',
				[label.id],
			);
			assert.deepEqual(rows, [{ kind: 'label', labels: ['needs-human', 'shipping'], team: null }]);
		});

		it('should reject a label action without labels', async () => {
			await assert.rejects(
				recordAction(pool, { decisionId: 1, conversationId: 71, kind: 'label' }),
				{
					name: 'LogStoreValidationError',
					field: 'labels',
				},
			);
		});

		it('should throw LogStoreNotFoundError when the decision does not exist', async () => {
			await assert.rejects(
				recordAction(pool, { decisionId: 999_999, conversationId: 71, kind: 'reply' }),
				(error) => error instanceof LogStoreNotFoundError && error.entity === 'decision',
			);
		});
	});

	describe('decisionsByConversation', () => {
		it('should return only that conversation, newest first, when others exist', async () => {
			const older = await recordDecision(pool, decision({ conversationId: 80 }));
			const newer = await recordDecision(pool, decision({ conversationId: 80, intent: 'refund' }));
			await recordDecision(pool, decision({ conversationId: 81 }));
			const rows = await decisionsByConversation(pool, { conversationId: 80 });
			assert.deepEqual(
				rows.map((row) => row.id),
				[newer.id, older.id],
			);
			assert.deepEqual(await decisionsByConversation(pool, { conversationId: 80, limit: 1 }), [
				rows[0],
			]);
		});

		it('should return an empty list when the conversation has no decisions', async () => {
			assert.deepEqual(await decisionsByConversation(pool, { conversationId: 404 }), []);
		});
	});

	describe('claimSocialPost', () => {
		const slot = new Date('2025-06-02T07:00:00Z');

		it('should give the slot to one caller only when two claim it at once', async () => {
			const claim = { promotionId: 'promo-9', platform: 'instagram', slot } as const;
			const results = await Promise.all([
				claimSocialPost(pool, { ...claim, caption: 'Summer sale' }),
				claimSocialPost(pool, claim),
			]);
			assert.deepEqual(results.map((result) => result.owned).sort(), [false, true]);
			const [first, second] = results;
			assert.equal(first?.post.id, second?.post.id);
			assert.equal(first?.post.idempotencyKey, 'promo-9:instagram:2025-06-02T07:00:00.000Z');
		});

		it('should return false with the outcome when the slot was already posted', async () => {
			const claim = {
				promotionId: 42,
				platform: 'facebook',
				slot: '2025-06-02T09:00:00+02:00',
			} as const;
			const { owned, post } = await claimSocialPost(pool, claim);
			assert.equal(owned, true);
			const done = await completeSocialPost(pool, {
				key: post.idempotencyKey,
				status: 'posted',
				postId: '123_456',
			});
			assert.equal(done.status, 'posted');
			assert.ok(done.updatedAt >= done.createdAt);
			const retry = await claimSocialPost(pool, claim);
			assert.deepEqual(retry, { owned: false, post: done });
		});
	});

	describe('completeSocialPost', () => {
		it('should record the error when the platform refused', async () => {
			const { post } = await claimSocialPost(pool, {
				promotionId: 'promo-10',
				platform: 'tiktok',
				slot: new Date('2025-06-05T07:00:00Z'),
			});
			const failed = await completeSocialPost(pool, {
				key: post.idempotencyKey,
				status: 'failed',
				errorCode: '190',
				errorMessage: 'token expired',
			});
			assert.deepEqual(
				[failed.status, failed.postId, failed.errorCode, failed.errorMessage],
				['failed', null, '190', 'token expired'],
			);
		});

		it('should throw LogStoreNotFoundError when nothing is pending under the key', async () => {
			await assert.rejects(
				completeSocialPost(pool, { key: 'nope', status: 'posted', postId: '1' }),
				{ name: 'LogStoreNotFoundError', message: 'log store: no pending social post nope' },
			);
		});
	});
});
