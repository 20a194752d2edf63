import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
	CHATWOOT_SIM_AGENTS,
	CHATWOOT_SIM_BOT_TOKEN,
	type ChatwootVersion,
} from '../../../simulators/src/chatwoot/index.ts';
import {
	resetSim,
	startHarness,
	type Harness,
} from '../../../simulators/src/chatwoot/test-support.ts';
import { botOwns } from './bot-owns.ts';
import { handOffConversation } from './handoff.ts';
import type { Conversation } from './schemas-conversation.ts';

type Owned = Pick<Conversation, 'status' | 'meta'>;
const conversation = (
	overrides: Partial<Owned> = {},
	meta: Partial<Owned['meta']> = {},
): Owned => ({
	status: 'pending',
	...overrides,
	meta: {
		sender: { id: 7, name: 'Ana' } as Owned['meta']['sender'],
		channel: 'Channel::Whatsapp',
		...meta,
	},
});

describe('bot-owns', () => {
	describe('botOwns', () => {
		it('should own a pending conversation nobody is assigned to (4.15)', () => {
			assert.equal(botOwns(conversation()), true);
		});

		it('should own a pending conversation assigned to the agent bot or Captain (4.16+, 4.17+)', () => {
			const bot = { type: 'agent_bot' as const, id: 1, name: 'Switchboard' };
			const captain = { type: 'captain_assistant' as const, id: 3, name: 'Captain' };
			assert.equal(botOwns(conversation({}, { assignee: bot, assignee_type: 'AgentBot' })), true);
			assert.equal(
				botOwns(conversation({}, { assignee: captain, assignee_type: 'Captain::Assistant' })),
				true,
			);
		});

		it('should not own a pending conversation a person is assigned to', () => {
			const agent = { type: 'user' as const, id: 2, name: 'Sam Sales' };
			assert.equal(botOwns(conversation({}, { assignee: agent, assignee_type: 'User' })), false);
			// An assignee type without the assignee is taken for a person, never for the bot.
			assert.equal(botOwns(conversation({}, { assignee_type: 'User' })), false);
		});

		it('should not own a conversation that is open, snoozed or resolved', () => {
			for (const status of ['open', 'snoozed', 'resolved'] as const) {
				assert.equal(botOwns(conversation({ status })), false, status);
			}
		});
	});

	for (const chatwootVersion of ['4.15', '4.16'] as ChatwootVersion[]) {
		describe(`botOwns on Chatwoot ${chatwootVersion}`, () => {
			let harness: Harness;
			before(async () => {
				harness = await startHarness({ simulateWhatsappSend: false, chatwootVersion });
			});
			after(() => harness.close());
			beforeEach(() => resetSim(harness));

			const bot = () => harness.clientWith(CHATWOOT_SIM_BOT_TOKEN);
			const sam = () => harness.clientWith(CHATWOOT_SIM_AGENTS.sales.token);
			const newConversation = async () =>
				(await harness.incoming({ inbox_id: 1, from: '+5215512345678', content: 'Hola' }))
					.conversation_id;
			const owned = async (id: number) => botOwns(await bot().conversations.get(id));

			it('should own a new conversation in the bot inbox', async () => {
				assert.equal(await owned(await newConversation()), true);
			});

			it('should not own it once an agent assigns himself', async () => {
				const id = await newConversation();
				await harness.admin.conversations.assignAgent(id, CHATWOOT_SIM_AGENTS.sales.id);
				assert.equal(await owned(id), false);
			});

			it('should not own it once an agent opens it', async () => {
				const id = await newConversation();
				await sam().conversations.toggleStatus(id, { status: 'open' });
				assert.equal(await owned(id), false);
			});

			it('should not own it after its own hand-off', async () => {
				const id = await newConversation();
				await handOffConversation(bot(), { conversationId: id, note: 'Over to you' });
				assert.equal(await owned(id), false);
			});
		});
	}
});
