import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CHATWOOT_SIM_BOT_TOKEN } from '../../../simulators/src/chatwoot/index.ts';
import {
	resetSim,
	startHarness,
	type Harness,
} from '../../../simulators/src/chatwoot/test-support.ts';
import { sendBotReply } from './bot-reply.ts';

describe('bot-reply', () => {
	let harness: Harness;
	before(async () => {
		harness = await startHarness({ simulateWhatsappSend: false });
	});
	after(() => harness.close());
	beforeEach(() => resetSim(harness));

	const bot = () => harness.clientWith(CHATWOOT_SIM_BOT_TOKEN);
	const customerWrites = (content: string) =>
		harness.incoming({ inbox_id: 1, from: '+5215512345678', content });
	const botReplies = async (conversationId: number) =>
		(await harness.admin.messages.list(conversationId)).payload
			.filter((m) => m.message_type === 1 && !m.private && m.sender?.type === 'agent_bot')
			.map((m) => m.content);

	describe('sendBotReply', () => {
		it('should find the reply an earlier run sent to the same message, and send nothing', async () => {
			const asked = await customerWrites('Do you deliver on Sundays?');
			const input = {
				conversationId: asked.conversation_id,
				content: 'Yes, from 10:00 to 14:00.',
				answering: asked.message_id,
			};
			const first = await sendBotReply(bot(), input);
			const again = await sendBotReply(bot(), { ...input, content: 'Yes, on Sunday mornings.' });
			assert.equal(first.sent, true);
			assert.deepEqual([again.sent, again.messageId], [false, first.messageId]);
			assert.deepEqual(await botReplies(asked.conversation_id), ['Yes, from 10:00 to 14:00.']);
		});

		it('should answer a newer customer message even though an older one was answered', async () => {
			const asked = await customerWrites('Do you deliver on Sundays?');
			const conversationId = asked.conversation_id;
			await sendBotReply(bot(), { conversationId, content: 'Yes.', answering: asked.message_id });
			const next = await customerWrites('And on holidays?');
			const reply = await sendBotReply(bot(), {
				conversationId,
				content: 'No, not on holidays.',
				answering: next.message_id,
			});
			assert.equal(reply.sent, true);
			assert.deepEqual(await botReplies(conversationId), ['Yes.', 'No, not on holidays.']);
		});

		it('should still answer when only an agent or a private note came after the message', async () => {
			const asked = await customerWrites('Is my order on its way?');
			const conversationId = asked.conversation_id;
			const agent = harness.admin;
			await agent.messages.createPrivateNote(conversationId, 'Checking with the warehouse');
			await agent.messages.create(conversationId, { content: 'One moment please.' });
			const reply = await sendBotReply(bot(), {
				conversationId,
				content: 'It left today.',
				answering: asked.message_id,
			});
			assert.equal(reply.sent, true);
			assert.deepEqual(await botReplies(conversationId), ['It left today.']);
		});

		it('should not send again when an earlier run went on to leave its hand-off note', async () => {
			// Out of hours: the customer is told when the team is back, then the run hands off. It died
			// after the note, so the newest message is the note, not the reply.
			const asked = await customerWrites('My router is blinking red');
			const input = {
				conversationId: asked.conversation_id,
				content: 'We are closed; we open again Monday at 09:00.',
				answering: asked.message_id,
			};
			await sendBotReply(bot(), input);
			await bot().messages.createPrivateNote(asked.conversation_id, 'Handed off by Switchboard');
			const again = await sendBotReply(bot(), input);
			assert.deepEqual(again, { messageId: null, sent: false });
			assert.deepEqual(await botReplies(asked.conversation_id), [input.content]);
		});

		it('should always send when it is not told which message it answers', async () => {
			const { conversation_id: conversationId } = await customerWrites('Hi');
			await sendBotReply(bot(), { conversationId, content: 'Hello!' });
			await sendBotReply(bot(), { conversationId, content: 'Hello!', answering: null });
			assert.deepEqual(await botReplies(conversationId), ['Hello!', 'Hello!']);
		});
	});
});
