import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Conversation, Message } from '../../chatwoot/client.ts';
import {
	BOT_FAILURE_ACTIVITY,
	missedMessageFate,
	openedByReplyEcho,
} from './missed-message-fate.ts';

const message = (id: number, overrides: Partial<Message> = {}): Message => ({
	id,
	content: 'Hola',
	inbox_id: 1,
	conversation_id: 9,
	message_type: 0,
	content_type: 'text',
	status: 'sent',
	content_attributes: {},
	created_at: 1_781_708_000 + id,
	private: false,
	source_id: null,
	sender: { type: 'contact', id: 7, name: 'Ana' } as Message['sender'],
	...overrides,
});
const activity = (id: number, content = 'Conversación abierta por el sistema') =>
	message(id, { message_type: 2, content, sender: undefined });
const botReply = (id: number) =>
	message(id, {
		message_type: 1,
		sender: { type: 'agent_bot', id: 1, name: 'Switchboard' } as Message['sender'],
	});
const agentReply = (id: number, extra: Partial<Message> = {}) =>
	message(id, {
		message_type: 1,
		sender: { type: 'user', id: 3, name: 'Ada' } as Message['sender'],
		...extra,
	});

const conversation = (
	status: Conversation['status'],
	meta: Partial<Conversation['meta']> = {},
): Conversation =>
	({
		id: 9,
		status,
		meta: { sender: { id: 7 }, channel: 'Channel::Whatsapp', ...meta },
	}) as Conversation;

describe('missed-message-fate', () => {
	describe('missedMessageFate', () => {
		it('should queue a missed message of a conversation the bot still owns', () => {
			const missed = message(10);
			assert.deepEqual(missedMessageFate(conversation('pending'), [missed], missed), {
				queue: true,
				openedByBotFailure: false,
			});
		});

		it('should queue for routing one Chatwoot opened after it, whatever the wording', () => {
			const missed = message(10);
			for (const line of [
				activity(11, 'Conversation was marked open by system due to an error with the agent bot.'),
				activity(11),
			]) {
				assert.deepEqual(missedMessageFate(conversation('open'), [missed, line], missed), {
					queue: true,
					openedByBotFailure: true,
				});
			}
		});

		it('should queue a message the customer wrote after Chatwoot opened it, in the same turn', () => {
			const first = message(10);
			const second = message(12);
			const messages = [botReply(8), first, activity(11), second];
			assert.deepEqual(missedMessageFate(conversation('open'), messages, second), {
				queue: true,
				openedByBotFailure: true,
			});
		});

		it('should record what a person answered, publicly, even in a conversation the bot owns', () => {
			const missed = message(10);
			for (const status of ['open', 'pending'] as const) {
				assert.deepEqual(
					missedMessageFate(conversation(status), [missed, activity(11), agentReply(12)], missed),
					{ queue: false, reason: 'answered_by_person' },
				);
			}
		});

		it('should record, not route, an open conversation someone has touched since', () => {
			const missed = message(10);
			const user = { type: 'user' as const, id: 3, name: 'Ada' };
			const cases: Array<[Conversation, Message[]]> = [
				// A private note after the customer: someone is on it.
				[conversation('open'), [missed, activity(11), agentReply(12, { private: true })]],
				// A person is assigned.
				[conversation('open', { assignee: user }), [missed, activity(11)]],
				// Handed off before the customer wrote: no status change in this turn.
				[conversation('open'), [botReply(5), activity(6), missed]],
				// Resolved or snoozed by someone.
				[conversation('resolved'), [missed, activity(11)]],
				[conversation('snoozed'), [missed, activity(11)]],
			];
			for (const [conv, messages] of cases) {
				assert.deepEqual(missedMessageFate(conv, messages, missed), {
					queue: false,
					reason: 'conversation_not_pending',
				});
			}
		});
	});

	describe('openedByReplyEcho', () => {
		const failed = activity(12, BOT_FAILURE_ACTIVITY);

		it('should find a conversation opened only because the echo of the bot reply failed', () => {
			const messages = [message(10), botReply(11), failed];
			assert.equal(openedByReplyEcho(conversation('open'), messages), true);
		});

		it('should leave anything else alone', () => {
			const user = { type: 'user' as const, id: 3, name: 'Ada' };
			const note = agentReply(11, {
				private: true,
				sender: { type: 'agent_bot', id: 1, name: 'Switchboard' } as Message['sender'],
			});
			const cases: Array<[Conversation, Message[]]> = [
				[conversation('pending'), [message(10), botReply(11), failed]],
				[conversation('open', { assignee: user }), [message(10), botReply(11), failed]],
				// Other wording: maybe a person opened it.
				[conversation('open'), [message(10), botReply(11), activity(12)]],
				// The customer wrote again, or a person answered, or our hand-off note is newest.
				[conversation('open'), [message(10), botReply(11), failed, message(13)]],
				[conversation('open'), [message(10), botReply(11), failed, agentReply(13)]],
				[conversation('open'), [message(10), note, failed]],
				[conversation('open'), [message(10), failed]],
			];
			for (const [conv, messages] of cases) assert.equal(openedByReplyEcho(conv, messages), false);
		});
	});
});
