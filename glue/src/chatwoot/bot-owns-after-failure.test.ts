import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conversationOwner } from './bot-owns-after-failure.ts';
import type { Conversation } from './schemas-conversation.ts';
import type { PushMessage } from './schemas-message.ts';

type Seen = Parameters<typeof conversationOwner>[0];

const message = (overrides: Partial<PushMessage> = {}): PushMessage => ({
	id: 40,
	content: 'Mi internet no funciona',
	message_type: 0,
	created_at: 1_781_708_531,
	private: false,
	source_id: null,
	sender: { type: 'contact', id: 7, name: 'Ana' } as PushMessage['sender'],
	...overrides,
});

const activity = (id: number, content = 'Conversación abierta por el sistema'): PushMessage =>
	message({ id, content, message_type: 2, sender: undefined });

const conversation = (
	overrides: Partial<Seen> = {},
	meta: Partial<Conversation['meta']> = {},
): Seen => ({
	status: 'open',
	messages: [activity(41)],
	last_non_activity_message: message(),
	...overrides,
	meta: {
		sender: { id: 7, name: 'Ana' } as Conversation['meta']['sender'],
		channel: 'Channel::Whatsapp',
		...meta,
	},
});

describe('bot-owns-after-failure', () => {
	describe('conversationOwner', () => {
		it('should leave a pending conversation nobody is assigned to with the bot', () => {
			assert.equal(conversationOwner(conversation({ status: 'pending' }), 40), 'bot');
		});

		it('should route a conversation Chatwoot opened when nobody has written since the customer', () => {
			assert.equal(conversationOwner(conversation(), 40), 'after_bot_failure');
		});

		it('should tell the failure apart from its wording, which is in the account locale', () => {
			const english = activity(
				41,
				'Conversation was marked open by system due to an error with the agent bot.',
			);
			assert.equal(
				conversationOwner(conversation({ messages: [english] }), 40),
				'after_bot_failure',
			);
			assert.equal(conversationOwner(conversation({ messages: [] }), 40), 'after_bot_failure');
		});

		it('should treat an agent bot or Captain as assignee as nobody, a user as a person', () => {
			const bot = { type: 'agent_bot' as const, id: 1, name: 'Switchboard' };
			const user = { type: 'user' as const, id: 2, name: 'Ada' };
			assert.equal(conversationOwner(conversation({}, { assignee: bot }), 40), 'after_bot_failure');
			assert.equal(conversationOwner(conversation({}, { assignee: user }), 40), 'person');
			assert.equal(conversationOwner(conversation({}, { assignee_type: 'User' }), 40), 'person');
		});

		it('should leave it to people when anyone wrote after the customer', () => {
			const answer = message({ id: 42, message_type: 1, sender: undefined, content: 'Hola' });
			const note = message({ id: 42, message_type: 1, private: true, content: 'Lo veo' });
			const botNote = message({
				id: 42,
				message_type: 1,
				private: true,
				sender_type: 'AgentBot',
				sender: { type: 'agent_bot', id: 1, name: 'Switchboard' } as PushMessage['sender'],
			});
			for (const newest of [answer, note, botNote]) {
				assert.equal(
					conversationOwner(conversation({ last_non_activity_message: newest }), 40),
					'person',
				);
			}
		});

		it('should leave it to people when the customer wrote again since (a turn of its own)', () => {
			const later = message({ id: 45, content: '?' });
			assert.equal(
				conversationOwner(conversation({ last_non_activity_message: later }), 40),
				'person',
			);
		});

		it('should leave resolved and snoozed conversations, and an unknown message, to people', () => {
			assert.equal(conversationOwner(conversation({ status: 'resolved' }), 40), 'person');
			assert.equal(conversationOwner(conversation({ status: 'snoozed' }), 40), 'person');
			assert.equal(conversationOwner(conversation(), null), 'person');
			assert.equal(conversationOwner(conversation(), 0), 'person');
			assert.equal(
				conversationOwner(conversation({ last_non_activity_message: null }), 40),
				'person',
			);
		});

		it('should read the newest message when the server leaves last_non_activity_message out', () => {
			const older = { messages: [message()], last_non_activity_message: undefined };
			assert.equal(conversationOwner(conversation(older), 40), 'after_bot_failure');
			const onlyActivity = { messages: [activity(41)], last_non_activity_message: undefined };
			assert.equal(conversationOwner(conversation(onlyActivity), 40), 'person');
		});
	});
});
