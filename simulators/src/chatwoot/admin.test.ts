import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CHATWOOT_SIM_INBOXES, CHATWOOT_SIM_TEAMS } from './constants.ts';
import { defaultSeed } from './seed.ts';
import { resetSim, startHarness, startReceiver, type Harness } from './test-support.ts';

describe('chatwoot simulator admin API', () => {
	let h: Harness;

	before(async () => {
		h = await startHarness({ simulateWhatsappSend: false });
	});
	after(() => h.close());
	beforeEach(() => resetSim(h));

	const admin = (path: string, body?: unknown) =>
		fetch(`${h.server.url}/__sim${path}`, {
			method: body === undefined ? 'GET' : 'POST',
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});

	describe('POST /__sim/incoming', () => {
		it('should route by the number written to and create the contact from the sender', async () => {
			const result = await h.incoming({
				to_number: '15550000003',
				from: '5215512345678',
				name: 'Maria',
				content: 'x',
			});
			const conversation = await h.admin.conversations.get(result.conversation_id);
			assert.equal(conversation.inbox_id, CHATWOOT_SIM_INBOXES.billing.id);
			assert.equal(conversation.meta.sender.phone_number, '+5215512345678');
			assert.equal(conversation.meta.sender.name, 'Maria');
			assert.equal(result.contact_created, true);
		});

		it('should name a contact without a profile name after the phone number', async () => {
			const result = await h.incoming({ inbox_id: 1, from: '+5215512345678', content: 'x' });
			assert.equal(
				(await h.admin.conversations.get(result.conversation_id)).meta.sender.name,
				'+5215512345678',
			);
		});

		it('should ignore a repeated wamid like the dedup lock does', async () => {
			const first = await h.incoming({
				inbox_id: 1,
				from: '+15551230000',
				content: 'x',
				source_id: 'wamid.A',
			});
			const again = await h.incoming({
				inbox_id: 1,
				from: '+15551230000',
				content: 'x',
				source_id: 'wamid.A',
			});
			assert.equal(again.duplicate, true);
			assert.equal(again.message_id, first.message_id);
			assert.equal((await h.admin.messages.list(first.conversation_id)).payload.length, 1);
		});

		it('should answer 404 for a number no inbox has and 400 for a body without a sender', async () => {
			assert.equal(
				(await admin('/incoming', { to_number: '+19999999999', from: '+15551230000' })).status,
				404,
			);
			const bad = await admin('/incoming', { inbox_id: 1 });
			assert.equal(bad.status, 400);
			assert.match(((await bad.json()) as { error: string }).error, /from/);
		});
	});

	describe('numbering after an earlier run', () => {
		it('should number conversations and messages after the ids given, also after a reset', async () => {
			const later = await startHarness({
				simulateWhatsappSend: false,
				idsAfter: { conversation: 41, message: 900 },
			});
			try {
				for (let run = 0; run < 2; run += 1) {
					const result = await later.incoming({ inbox_id: 1, from: '+15551230000', content: 'x' });
					assert.equal(result.conversation_id, 42);
					assert.equal(result.message_id, 901);
					const [message] = (await later.admin.messages.list(42)).payload;
					assert.equal(message?.id, 901);
					await resetSim(later);
				}
			} finally {
				await later.close();
			}
		});
	});

	describe('POST /__sim/seed', () => {
		it('should replace the state with the seed given and go back to the default on reset', async () => {
			const seed = defaultSeed();
			const res = await admin('/seed', { ...seed, inboxes: seed.inboxes?.slice(0, 1) });
			assert.equal(res.status, 200);
			assert.equal((await h.admin.inboxes.list()).length, 1);
			await resetSim(h);
			assert.equal((await h.admin.inboxes.list()).length, defaultSeed().inboxes?.length);
		});

		it('should refuse a seed that names a missing account, saying which', async () => {
			const seed = defaultSeed();
			const res = await admin('/seed', { ...seed, teams: [{ id: 9, accountId: 5, name: 'x' }] });
			assert.equal(res.status, 400);
			assert.match(((await res.json()) as { error: string }).error, /account 5/);
			assert.equal((await h.admin.teams.list()).length, 3);
		});
	});

	describe('GET /__sim/', () => {
		it('should list conversations with notes, labels, team and status, escaping all content', async () => {
			const { conversation_id: id } = await h.incoming({
				inbox_id: 1,
				from: '+15551230000',
				name: '<img src=x onerror=alert(1)>',
				content: '<script>alert("hi")</script>',
			});
			await h.admin.messages.createPrivateNote(id, 'nota & <b>privada</b>');
			await h.admin.conversations.setLabels(id, ['<i>vip</i>']);
			await h.admin.conversations.assignTeam(id, CHATWOOT_SIM_TEAMS.sales.id);
			const html = await (await admin('/')).text();
			assert.ok(!html.includes('<script>alert'));
			assert.ok(!html.includes('<img src=x'));
			assert.ok(html.includes('&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt;'));
			assert.ok(html.includes('nota &amp; &lt;b&gt;privada&lt;/b&gt;'));
			assert.ok(html.includes('private note'));
			assert.ok(html.includes('&lt;i&gt;vip&lt;/i&gt;'));
			assert.ok(html.includes('team: sales'));
			assert.ok(html.includes('pending'));
		});
	});

	describe('deliveries and chaos', () => {
		it('should log each attempt and drop account webhooks when chaos says so', async () => {
			const receiver = await startReceiver(() => 'unused');
			try {
				await h.admin.webhooks.create({ url: receiver.url, subscriptions: ['message_created'] });
				await admin('/webhook-chaos', { dropProbability: 1 });
				await h.incoming({ inbox_id: 1, from: '+15551230000', content: 'x' });
				await admin('/flush', {});
				assert.equal(receiver.received.length, 0);
				const log = (await (await admin('/deliveries')).json()) as {
					outcome: string;
					event: string;
				}[];
				assert.deepEqual(
					log.map((d) => [d.event, d.outcome]),
					[['message_created', 'dropped']],
				);
			} finally {
				await receiver.close();
			}
		});

		it('should refuse webhook targets on private networks when that is switched off', async () => {
			const strict = await startHarness({
				allowPrivateNetwork: false,
				simulateWhatsappSend: false,
			});
			const receiver = await startReceiver(() => 'unused');
			try {
				await strict.admin.webhooks.create({
					url: receiver.url,
					subscriptions: ['message_created'],
				});
				await strict.incoming({ inbox_id: 1, from: '+15551230000', content: 'x' });
				await strict.sim.webhooks.idle();
				assert.equal(receiver.received.length, 0);
				assert.match(strict.sim.webhooks.log[0]?.error ?? '', /has no public ip addresses/);
			} finally {
				await Promise.all([strict.close(), receiver.close()]);
			}
		});
	});
});
