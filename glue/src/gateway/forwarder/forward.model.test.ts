import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { LeasedBatch, LeasedEvent } from '../../log-store/ledger-queue.ts';
import { forwardBatchSchema } from '../../pipeline/inbound-batch.ts';
import { buildForwardBatch } from './forward.model.ts';

const webhookPayload = JSON.parse(
	readFileSync(
		new URL(
			'../../../../simulators/src/chatwoot/examples/message_created.incoming_whatsapp.json',
			import.meta.url,
		),
		'utf8',
	),
) as Record<string, unknown>;

const event = (overrides: Partial<LeasedEvent> = {}): LeasedEvent => ({
	id: 1,
	source: 'agent_bot',
	chatwootMessageId: 9876,
	conversationId: 123,
	accountId: 1,
	inboxId: 7,
	event: 'message_created',
	payload: webhookPayload,
	attempts: 1,
	receivedAt: new Date(),
	busyAttempts: 0,
	busyForMs: null,
	...overrides,
});

const batch = (events: LeasedEvent[]): LeasedBatch => ({
	leaseToken: '00000000-0000-4000-8000-000000000000',
	accountId: 1,
	conversationId: 123,
	events,
});

describe('forward.model', () => {
	describe('buildForwardBatch', () => {
		it('should carry the ledger ids and the messages in order, and the newest payload', () => {
			const reconciled = {
				reconciled: true,
				content: 'second',
				content_type: 'text',
				created_at: '2026-06-17T15:03:00.000Z',
				source_id: null,
				sender: { id: 42, name: 'Maria Lopez', phone_number: '+5215512345678' },
				attachments: [],
			};
			const built = buildForwardBatch(
				batch([
					event(),
					event({ id: 2, source: 'reconciler', chatwootMessageId: 9877, payload: reconciled }),
				]),
			);
			assert.deepEqual(forwardBatchSchema.parse(built), built);
			assert.deepEqual(built.ledgerIds, [1, 2]);
			assert.deepEqual(built.messages[0], {
				ledgerId: 1,
				source: 'agent_bot',
				messageId: 9876,
				content: 'Hola, necesito ayuda con mi pedido 1234',
				contentType: 'text',
				createdAt: '2026-06-17T15:02:11.204Z',
				sourceId: webhookPayload.source_id,
				sender: { id: 42, name: 'Maria Lopez', phoneNumber: '+5215512345678' },
				attachments: [],
				referral: null,
				incomplete: [],
			});
			assert.equal(built.messages[1]?.source, 'reconciler');
			assert.deepEqual(built.latest, {
				event: 'message_created',
				id: 9877,
				ledgerId: 2,
				reconciled: true,
			});
			assert.equal(built.inboxId, 7);
		});

		it('should turn odd or missing fields into null rather than fail the batch', () => {
			const built = buildForwardBatch(
				batch([event({ payload: { content: 5, created_at: 1781708531 } })]),
			);
			assert.deepEqual(built.messages[0], {
				ledgerId: 1,
				source: 'agent_bot',
				messageId: 9876,
				content: null,
				contentType: null,
				createdAt: '2026-06-17T15:02:11.000Z',
				sourceId: null,
				sender: null,
				attachments: [],
				referral: null,
				incomplete: [],
			});
		});

		it("should carry a click-to-WhatsApp ad's referral on the message that has it", () => {
			const referral = { source_type: 'ad', source_id: 'ad-42', headline: 'Fibre 500' };
			const built = buildForwardBatch(
				batch([
					event({ payload: { ...webhookPayload, content_attributes: { referral } } }),
					event({ id: 2, chatwootMessageId: 9877 }),
				]),
			);
			assert.deepEqual(
				built.messages.map((message) => message.referral),
				[referral, null],
			);
			assert.deepEqual(forwardBatchSchema.parse(built), built);
		});

		it('should forward no key a customer or an admin can name, wherever the stored payload has it', () => {
			const odd = JSON.parse(
				'{"toString":"x","constructor":{"prototype":1},"__proto__":{"polluted":true}}',
			) as Record<string, unknown>;
			const built = buildForwardBatch(
				batch([
					event({
						payload: {
							...webhookPayload,
							...odd,
							attachments: [{ id: 1, file_type: 'image', data_url: 'https://x/1', ...odd }],
							content_attributes: { referral: { source_type: 'ad', ...odd } },
							conversation: { id: 123, custom_attributes: odd },
						},
					}),
				]),
			);
			const ownKeys = (value: unknown): string[] =>
				value !== null && typeof value === 'object'
					? Object.entries(value).flatMap(([key, inner]) => [key, ...ownKeys(inner)])
					: [];
			const keys = ownKeys(built);
			for (const name of ['toString', 'constructor', '__proto__', 'custom_attributes']) {
				assert.ok(!keys.includes(name), name);
			}
			assert.equal(built.messages[0]?.attachments[0]?.data_url, 'https://x/1');
			assert.deepEqual(built.messages[0]?.referral, { source_type: 'ad' });
			assert.doesNotThrow(() => structuredClone(built));
		});

		it("should mark the batch opened by Chatwoot's bot-failure path when any message is", () => {
			const reconciled = (openedByBotFailure?: true) => ({
				...webhookPayload,
				reconciled: true,
				...(openedByBotFailure ? { openedByBotFailure } : {}),
			});
			const built = buildForwardBatch(
				batch([
					event({ source: 'reconciler', payload: reconciled(true) }),
					event({ id: 2, chatwootMessageId: 9877, source: 'reconciler', payload: reconciled() }),
				]),
			);
			assert.equal(built.latest.openedByBotFailure, true);
			assert.equal(buildForwardBatch(batch([event()])).latest.openedByBotFailure, undefined);
		});

		it('should mark the batch opt-out only when a message came from a conversation a person has', () => {
			const built = buildForwardBatch(
				batch([
					event(),
					event({
						id: 2,
						chatwootMessageId: 9877,
						payload: { ...webhookPayload, optOutOnly: true },
					}),
				]),
			);
			assert.equal(built.latest.optOutOnly, true);
			assert.equal(buildForwardBatch(batch([event()])).latest.optOutOnly, undefined);
			const forged = { ...webhookPayload, optOutOnly: 'yes' };
			assert.equal(
				buildForwardBatch(batch([event({ payload: forged })])).latest.optOutOnly,
				undefined,
			);
		});

		it('should refuse an empty batch', () => {
			assert.throws(() => buildForwardBatch(batch([])), RangeError);
		});
	});
});
