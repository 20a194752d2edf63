import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	completeSocialPost,
	findInboundEventDuplicate,
	insertAction,
	insertDecision,
	insertInboundEvent,
	insertSocialPostIfAbsent,
	selectDecisionsByConversation,
} from './queries.ts';
import {
	actionInputSchema,
	decisionInputSchema,
	inboundEventInputSchema,
	socialPostClaimSchema,
} from './schemas.ts';

const event = inboundEventInputSchema.parse({
	source: 'agent_bot',
	deliveryId: 'abc',
	chatwootMessageId: 11,
	conversationId: 7,
	accountId: 1,
	inboxId: 3,
	event: 'message_created',
	payload: { content: "'; drop table sb_ai_decisions; --" },
});

describe('queries', () => {
	describe('insertInboundEvent', () => {
		it('should bind every value and let the database default received_at when it is absent', () => {
			assert.deepEqual(insertInboundEvent(event), {
				text:
					'insert into sb_inbound_events (source, delivery_id, chatwoot_message_id, conversation_id,' +
					' account_id, inbox_id, event, received_at, payload, status, drop_reason)' +
					' values ($1, $2, $3, $4, $5, $6, $7, default, $8, $9, $10)' +
					' on conflict do nothing returning id',
				values: [
					'agent_bot',
					'abc',
					11,
					7,
					1,
					3,
					'message_created',
					'{"content":"\'; drop table sb_ai_decisions; --"}',
					'pending',
					null,
				],
			});
		});

		it('should bind received_at as a Date when it is given', () => {
			const receivedAt = new Date('2025-06-02T07:00:00Z');
			const query = insertInboundEvent({ ...event, receivedAt });
			assert.match(
				query.text,
				/values \(\$1, \$2, \$3, \$4, \$5, \$6, \$7, \$8, \$9, \$10, \$11\)/,
			);
			assert.equal(query.values[7], receivedAt);
		});
	});

	describe('findInboundEventDuplicate', () => {
		it('should look up by delivery id or by account and message', () => {
			assert.deepEqual(findInboundEventDuplicate(event), {
				text:
					'select id from sb_inbound_events where delivery_id = $1' +
					' or (account_id = $2 and chatwoot_message_id = $3) order by id limit 1',
				values: ['abc', 1, 11],
			});
		});
	});

	describe('insertDecision', () => {
		it('should send triage as JSON text and content ids as an array', () => {
			const query = insertDecision(
				decisionInputSchema.parse({
					conversationId: 7,
					department: 'sales',
					intent: 'pricing',
					urgency: 'low',
					sentiment: 'positive',
					language: 'en',
					confidence: 0.9,
					needsHuman: false,
					outcome: 'auto_replied',
					triage: { intent: 'pricing' },
					model: 'm',
					inputTokens: 10,
					outputTokens: 5,
					costUsd: 0.0001,
					latencyMs: 900,
					contentIds: ['plan:1'],
				}),
			);
			assert.match(query.text, /^insert into sb_ai_decisions \(inbound_event_id, conversation_id,/);
			assert.match(query.text, /values \(\$1, .*, \$20\) returning id$/);
			assert.deepEqual(query.values, [
				null,
				7,
				'sales',
				'pricing',
				'low',
				'positive',
				'en',
				0.9,
				false,
				null,
				'auto_replied',
				'{"intent":"pricing"}',
				'm',
				10,
				5,
				0,
				0,
				0.0001,
				900,
				['plan:1'],
			]);
		});
	});

	describe('insertAction', () => {
		it('should keep labels as a text array', () => {
			const action = actionInputSchema.parse({
				decisionId: 5,
				conversationId: 7,
				kind: 'label',
				labels: ['vip'],
			});
			assert.deepEqual(insertAction(action), {
				text:
					'insert into sb_replies_handoffs (decision_id, conversation_id, kind, chatwoot_message_id,' +
					' team, labels) values ($1, $2, $3, $4, $5, $6) returning id',
				values: [5, 7, 'label', null, null, ['vip']],
			});
		});
	});

	describe('selectDecisionsByConversation', () => {
		it('should alias columns to camelCase and bind the conversation and limit', () => {
			const query = selectDecisionsByConversation({ conversationId: 7, limit: 50 });
			assert.match(query.text, /^select id, inbound_event_id as "inboundEventId", /);
			assert.match(query.text, /created_at as "createdAt" from sb_ai_decisions/);
			assert.match(
				query.text,
				/ where conversation_id = \$1 order by created_at desc, id desc limit \$2$/,
			);
			assert.deepEqual(query.values, [7, 50]);
		});
	});

	describe('insertSocialPostIfAbsent', () => {
		it('should derive the key from promotion, platform and slot', () => {
			const claim = socialPostClaimSchema.parse({
				promotionId: 'p1',
				platform: 'facebook',
				slot: '2025-06-02T09:00:00+02:00',
			});
			const query = insertSocialPostIfAbsent(claim);
			assert.match(
				query.text,
				/^insert into sb_social_posts \(idempotency_key, promotion_id, platform, slot, caption\) values \(\$1, \$2, \$3, \$4, \$5\) on conflict \(idempotency_key\) do nothing returning id, /,
			);
			assert.deepEqual(query.values, [
				'p1:facebook:2025-06-02T07:00:00.000Z',
				'p1',
				'facebook',
				new Date('2025-06-02T07:00:00Z'),
				null,
			]);
		});
	});

	describe('completeSocialPost', () => {
		it('should update only a pending post and clear the other outcome fields', () => {
			const query = completeSocialPost({
				key: 'k',
				status: 'failed',
				errorCode: null,
				errorMessage: 'x',
			});
			assert.match(query.text, /where idempotency_key = \$1 and status = 'pending' returning /);
			assert.deepEqual(query.values, ['k', 'failed', null, null, 'x']);
			assert.deepEqual(completeSocialPost({ key: 'k', status: 'posted', postId: '9' }).values, [
				'k',
				'posted',
				'9',
				null,
				null,
			]);
		});
	});
});
