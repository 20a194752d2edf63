import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { BOT_FAILURE_ACTIVITY } from './bot-failure.ts';
import {
	CHATWOOT_SIM_AGENTS,
	CHATWOOT_SIM_BOT_ID,
	CHATWOOT_SIM_BOT_SECRET,
	CHATWOOT_SIM_BOT_TOKEN,
} from './constants.ts';
import { defaultSeed } from './seed.ts';
import {
	header,
	resetSim,
	startHarness,
	startReceiver,
	type Harness,
	type Receiver,
} from './test-support.ts';

const maria = { inbox_id: 1, from: '+5215512345678', name: 'Maria Lopez' };

describe('chatwoot simulator agent bots', () => {
	let h: Harness;
	let bot: Receiver;

	before(async () => {
		h = await startHarness({ simulateWhatsappSend: false });
		bot = await startReceiver(() => CHATWOOT_SIM_BOT_SECRET);
	});
	after(async () => {
		await Promise.all([h.close(), bot.close()]);
	});
	beforeEach(async () => {
		await resetSim(h);
		bot.received.length = 0;
		bot.respond = () => 200;
		await h.admin.agentBots.update(CHATWOOT_SIM_BOT_ID, { outgoing_url: bot.url });
	});

	const settle = () => h.sim.webhooks.idle();
	const botClient = () => h.clientWith(CHATWOOT_SIM_BOT_TOKEN);

	describe('conversation status', () => {
		it('should start a conversation pending when the inbox has a bot', async () => {
			const { conversation_id } = await h.incoming({ ...maria, content: 'Hola' });
			assert.equal((await h.admin.conversations.get(conversation_id)).status, 'pending');
		});

		it('should start a conversation open when the bot was detached from the inbox', async () => {
			await h.admin.inboxes.setAgentBot(1, null);
			const { conversation_id } = await h.incoming({ ...maria, content: 'Hola' });
			assert.equal((await h.admin.conversations.get(conversation_id)).status, 'open');
			await settle();
			assert.equal(bot.received.length, 0);
		});

		it('should hand off pending → open on the bot toggle_status, answering success null', async () => {
			const { conversation_id } = await h.incoming({
				...maria,
				content: 'Quiero hablar con alguien',
			});
			const result = await botClient().conversations.toggleStatus(conversation_id, {
				status: 'open',
			});
			assert.deepEqual(result, {
				success: null,
				conversation_id,
				current_status: 'open',
				snoozed_until: null,
			});
			const conversation = await h.admin.conversations.get(conversation_id);
			assert.equal(conversation.status, 'open');
			assert.ok((conversation.waiting_since ?? 0) > 0, 'the hand-off starts waiting_since');
		});

		it('should send the bot conversation_opened, status_changed and updated on hand-off', async () => {
			const { conversation_id } = await h.incoming({ ...maria, content: 'Hola' });
			await botClient().conversations.toggleStatus(conversation_id, { status: 'open' });
			await settle();
			assert.deepEqual(bot.events(), [
				'message_created',
				'conversation_opened',
				'conversation_status_changed',
				'conversation_updated',
			]);
		});

		it('should keep sending the bot every message after the hand-off', async () => {
			const { conversation_id } = await h.incoming({ ...maria, content: 'Hola' });
			await botClient().conversations.toggleStatus(conversation_id, { status: 'open' });
			await h.admin.messages.create(conversation_id, { content: 'Soy Ada, te ayudo' });
			await h.admin.messages.createPrivateNote(conversation_id, 'nota interna');
			await h.incoming({ ...maria, content: 'Gracias' });
			await settle();
			const messages = bot.ofEvent('message_created').map((w) => w.json);
			assert.deepEqual(
				messages.map((m) => [
					m.content,
					m.message_type,
					m.private,
					(m.conversation as { status: string }).status,
				]),
				[
					['Hola', 'incoming', false, 'pending'],
					['Soy Ada, te ayudo', 'outgoing', false, 'open'],
					['nota interna', 'outgoing', true, 'open'],
					['Gracias', 'incoming', false, 'open'],
				],
			);
		});
	});

	describe('retries', () => {
		it('should retry a bot webhook answered 500, 3 attempts in all, with one delivery id', async () => {
			bot.respond = () => 500;
			await h.incoming({ ...maria, content: 'Hola' });
			await settle();
			const attempts = bot.ofEvent('message_created');
			assert.equal(attempts.length, 3);
			const ids = new Set(attempts.map((a) => header(a.headers, 'x-chatwoot-delivery')));
			assert.equal(ids.size, 1);
			assert.ok(attempts.every((a) => a.verification.ok));
		});

		it('should not retry a bot webhook answered 404', async () => {
			bot.respond = () => 404;
			await h.incoming({ ...maria, content: 'Hola' });
			await settle();
			assert.equal(bot.ofEvent('message_created').length, 1);
		});

		it('should stop retrying once the bot answers 200 after a 429', async () => {
			let calls = 0;
			bot.respond = () => (++calls === 1 ? 429 : 200);
			const { conversation_id } = await h.incoming({ ...maria, content: 'Hola' });
			await settle();
			assert.equal(bot.ofEvent('message_created').length, 2);
			assert.equal((await h.admin.conversations.get(conversation_id)).status, 'pending');
		});

		it('should open the pending conversation with an activity message when the bot keeps failing', async () => {
			bot.respond = () => 500;
			const { conversation_id } = await h.incoming({ ...maria, content: 'Hola' });
			await settle();
			assert.equal((await h.admin.conversations.get(conversation_id)).status, 'open');
			const { payload } = await h.admin.messages.list(conversation_id);
			const activity = payload.at(-1);
			assert.equal(activity?.message_type, 2);
			assert.equal(activity?.content, BOT_FAILURE_ACTIVITY);
		});
	});

	describe('access', () => {
		it('should deny the bot token on a non-whitelisted endpoint with 401', async () => {
			await assert.rejects(botClient().teams.list(), {
				name: 'ChatwootUnauthorizedError',
				remoteStatus: 401,
				chatwootMessage: 'Access to this endpoint is not authorized for bots',
			});
		});

		it('should let the bot reply, label and assign on its whitelisted endpoints', async () => {
			const { conversation_id } = await h.incoming({ ...maria, content: 'Hola' });
			const client = botClient();
			await client.messages.create(conversation_id, { content: '¿En qué te ayudo?' });
			assert.deepEqual(await client.conversations.setLabels(conversation_id, ['ventas']), [
				'ventas',
			]);
			const agent = await client.conversations.assignAgent(
				conversation_id,
				CHATWOOT_SIM_AGENTS.sales.id,
			);
			assert.equal(agent?.id, CHATWOOT_SIM_AGENTS.sales.id);
		});
	});
});

describe('chatwoot simulator agent bot failure with keepPendingOnBotFailure', () => {
	it('should keep the conversation pending when the account asks for it', async () => {
		const seed = defaultSeed();
		const bot = await startReceiver(() => CHATWOOT_SIM_BOT_SECRET);
		bot.respond = () => 500;
		const h = await startHarness({
			simulateWhatsappSend: false,
			seed: {
				...seed,
				accounts: seed.accounts.map((a) => ({ ...a, keepPendingOnBotFailure: true })),
				agentBots: seed.agentBots?.map((b) => ({ ...b, outgoingUrl: bot.url })),
			},
		});
		try {
			const { conversation_id } = await h.incoming({ ...maria, content: 'Hola' });
			await h.sim.webhooks.idle();
			assert.equal(bot.received.length, 3);
			assert.equal((await h.admin.conversations.get(conversation_id)).status, 'pending');
		} finally {
			await Promise.all([h.close(), bot.close()]);
		}
	});
});
