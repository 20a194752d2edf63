import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { readInboundMessage, type InboundMessage } from './inbound-message.ts';
import {
	botSkipReason,
	chatwootWebhookSchema,
	isCustomerMessage,
	messageEventSchema,
	shouldBotAnswer,
	type ChatwootWebhook,
} from './webhook-payload.ts';

// The reference payloads, as the simulator keeps them.
const examples = new URL('../../../simulators/src/chatwoot/examples/', import.meta.url);
const load = (name: string): unknown =>
	JSON.parse(readFileSync(new URL(`${name}.json`, examples), 'utf8'));
const parse = (name: string): ChatwootWebhook => chatwootWebhookSchema.parse(load(name));

describe('webhook-payload', () => {
	describe('chatwootWebhookSchema', () => {
		it('should parse every Chatwoot example payload', () => {
			const names = readdirSync(examples)
				.filter((f) => f.endsWith('.json') && !f.startsWith('meta_'))
				.map((f) => f.replace(/\.json$/, ''));
			assert.equal(names.length, 8);
			for (const name of names) {
				assert.equal(chatwootWebhookSchema.safeParse(load(name)).success, true, name);
			}
		});

		it('should keep the webhook types: message_type a string, changed_attributes null', () => {
			const message = parse('message_created.incoming_whatsapp');
			assert.equal(message.event === 'message_created' && message.message_type, 'incoming');
			const changed = parse('conversation_status_changed');
			assert.equal(
				changed.event === 'conversation_status_changed' && changed.changed_attributes,
				null,
			);
		});

		it('should refuse a payload with an integer message_type, as REST sends it', () => {
			const body = load('message_created.incoming_whatsapp') as Record<string, unknown>;
			assert.equal(chatwootWebhookSchema.safeParse({ ...body, message_type: 0 }).success, false);
		});

		it('should refuse an unknown event', () => {
			const body = load('contact_created') as Record<string, unknown>;
			assert.equal(
				chatwootWebhookSchema.safeParse({ ...body, event: 'contact_deleted' }).success,
				false,
			);
		});
	});

	describe('isCustomerMessage', () => {
		it('should be true only for a public incoming message', () => {
			assert.equal(isCustomerMessage(parse('message_created.incoming_whatsapp')), true);
			assert.equal(isCustomerMessage(parse('message_created.private_note')), false);
			assert.equal(isCustomerMessage(parse('message_created.outgoing_agent_bot')), false);
			assert.equal(isCustomerMessage(parse('conversation_created')), false);
		});
	});

	describe('shouldBotAnswer', () => {
		it('should be false once the conversation is open (after the hand-off)', () => {
			const incoming = load('message_created.incoming_whatsapp') as {
				conversation: { status: string };
			};
			assert.equal(shouldBotAnswer(chatwootWebhookSchema.parse(incoming)), false);
			incoming.conversation.status = 'pending';
			assert.equal(shouldBotAnswer(chatwootWebhookSchema.parse(incoming)), true);
		});
	});

	describe('botSkipReason', () => {
		const message = (name: string, patch: (body: Record<string, unknown>) => void = () => {}) => {
			const body = load(name) as Record<string, unknown>;
			patch(body);
			return messageEventSchema.parse(body);
		};
		const read = (body: unknown): InboundMessage => {
			const result = readInboundMessage(body);
			assert.ok(result.ok);
			return result.message;
		};
		const pending = (body: Record<string, unknown>) => {
			(body.conversation as { status: string }).status = 'pending';
		};

		it('should be null exactly when shouldBotAnswer is true', () => {
			const answerable = message('message_created.incoming_whatsapp', pending);
			assert.equal(botSkipReason(read(answerable)), null);
			assert.equal(shouldBotAnswer(answerable), true);
		});

		it('should name the reason for each message the bot must leave alone', () => {
			const cases: [string, (body: Record<string, unknown>) => void, string][] = [
				['message_created.incoming_whatsapp', () => {}, 'conversation_not_pending'],
				['message_created.private_note', pending, 'private_note'],
				['message_created.outgoing_agent_bot', pending, 'bot_sender'],
				[
					'message_created.incoming_whatsapp',
					(body) => {
						pending(body);
						body.event = 'message_updated';
					},
					'not_message_created',
				],
				[
					'message_created.incoming_whatsapp',
					(body) => {
						pending(body);
						body.message_type = 'outgoing';
						body.sender = { id: 3, name: 'Sue', email: 'sue@example.com', type: 'user' };
					},
					'agent_sender',
				],
				[
					'message_created.incoming_whatsapp',
					(body) => {
						pending(body);
						body.message_type = 'outgoing';
						body.sender = null;
					},
					'outgoing',
				],
				[
					'message_created.incoming_whatsapp',
					(body) => {
						pending(body);
						body.message_type = 'activity';
						body.sender = null;
					},
					'activity',
				],
			];
			for (const [name, patch, reason] of cases) {
				const payload = message(name, patch);
				assert.equal(botSkipReason(read(payload)), reason, reason);
				assert.equal(shouldBotAnswer(payload), false, reason);
			}
		});

		it('should take Captain (Chatwoot 4.17+) for an agent and an unknown sender kind for nobody', () => {
			const body = load('message_created.incoming_whatsapp') as Record<string, unknown>;
			(body.conversation as { status: string }).status = 'pending';
			const captain = { id: 5, name: 'Captain', type: 'captain_assistant', description: '' };
			assert.equal(botSkipReason(read({ ...body, sender: captain })), 'agent_sender');
			const future = { id: 6, name: 'Copilot', type: 'copilot_assistant' };
			assert.equal(botSkipReason(read({ ...body, sender: future })), 'unknown_sender');
		});

		it('should leave a message whose conversation status is missing to the workflow', () => {
			const body = load('message_created.incoming_whatsapp') as Record<string, unknown>;
			const conversation = body.conversation as Record<string, unknown>;
			delete conversation.status;
			assert.equal(botSkipReason(read(body)), null);
		});
	});

	describe('messageEventSchema', () => {
		it('should accept an Instagram sender without phone_number and Captain as the assignee', () => {
			const body = load('message_created.incoming_whatsapp') as {
				sender: Record<string, unknown>;
				conversation: { meta: { sender: Record<string, unknown>; assignee: unknown } };
			};
			delete body.sender.phone_number;
			delete body.conversation.meta.sender.phone_number;
			body.conversation.meta.assignee = { id: 5, name: 'Captain', type: 'captain_assistant' };
			assert.equal(messageEventSchema.safeParse(body).success, true);
		});
	});
});
