import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CHATWOOT_SIM_AGENTS, CHATWOOT_SIM_INBOXES, CHATWOOT_SIM_TEAMS } from './constants.ts';
import { defaultSeed } from './seed.ts';
import { resetSim, startHarness, type Harness } from './test-support.ts';

const customer = (n: number, inbox_id = 1) => ({
	inbox_id,
	from: `+52155100${String(n).padStart(5, '0')}`,
	name: `Cliente ${n}`,
	content: `Mensaje ${n}`,
});

describe('chatwoot simulator conversations API', () => {
	let h: Harness;
	// Moves the simulator's clock ahead of ours; a test that moves it puts it back.
	let clockAheadMs = 0;

	before(async () => {
		h = await startHarness({
			simulateWhatsappSend: false,
			clock: () => new Date(Date.now() + clockAheadMs),
		});
	});
	after(() => h.close());
	beforeEach(() => resetSim(h));

	describe('labels and custom attributes', () => {
		it('should replace the whole label list when labels are posted', async () => {
			const { conversation_id: id } = await h.incoming(customer(1));
			await h.admin.conversations.setLabels(id, ['ventas', 'urgente']);
			assert.deepEqual(await h.admin.conversations.setLabels(id, ['facturacion']), ['facturacion']);
			assert.deepEqual(await h.admin.conversations.listLabels(id), ['facturacion']);
		});

		it('should keep the old labels when addLabels sends the union', async () => {
			const { conversation_id: id } = await h.incoming(customer(1));
			await h.admin.conversations.setLabels(id, ['ventas']);
			assert.deepEqual(await h.admin.conversations.addLabels(id, ['urgente', 'ventas']), [
				'ventas',
				'urgente',
			]);
		});

		it('should replace the whole custom attribute hash', async () => {
			const { conversation_id: id } = await h.incoming(customer(1));
			await h.admin.conversations.setCustomAttributes(id, {
				pedido: '1234',
				departamento: 'ventas',
			});
			assert.deepEqual(await h.admin.conversations.setCustomAttributes(id, { pedido: '99' }), {
				pedido: '99',
			});
			assert.deepEqual((await h.admin.conversations.get(id)).custom_attributes, { pedido: '99' });
		});
	});

	describe('teams and assignment', () => {
		it('should store a new team name lower-cased and refuse the same name in other case', async () => {
			const team = await h.admin.teams.create({ name: 'VIP Sales' });
			assert.equal(team.name, 'vip sales');
			await assert.rejects(h.admin.teams.create({ name: 'vip SALES' }), {
				name: 'ChatwootValidationError',
				remoteStatus: 422,
				chatwootMessage: 'Name has already been taken',
				attributes: ['name'],
			});
		});

		it('should clear an assignee who is not a member of the team assigned', async () => {
			const { conversation_id: id } = await h.incoming(customer(1));
			await h.admin.conversations.assignAgent(id, CHATWOOT_SIM_AGENTS.support.id);
			await h.admin.conversations.assignTeam(id, CHATWOOT_SIM_TEAMS.sales.id);
			const conversation = await h.admin.conversations.get(id);
			assert.deepEqual(conversation.meta.team, { id: CHATWOOT_SIM_TEAMS.sales.id, name: 'sales' });
			assert.equal(conversation.meta.assignee, undefined);
		});

		it('should keep an assignee who is a member of the team assigned', async () => {
			const { conversation_id: id } = await h.incoming(customer(1));
			await h.admin.conversations.assignAgent(id, CHATWOOT_SIM_AGENTS.sales.id);
			await h.admin.conversations.assignTeam(id, CHATWOOT_SIM_TEAMS.sales.id);
			assert.equal(
				(await h.admin.conversations.get(id)).meta.assignee?.id,
				CHATWOOT_SIM_AGENTS.sales.id,
			);
		});

		it('should answer null and unassign when the agent id is null or unknown', async () => {
			const { conversation_id: id } = await h.incoming(customer(1));
			await h.admin.conversations.assignAgent(id, CHATWOOT_SIM_AGENTS.sales.id);
			assert.equal(await h.admin.conversations.assignAgent(id, 999), null);
			assert.equal((await h.admin.conversations.get(id)).meta.assignee, undefined);
			assert.equal(await h.admin.conversations.assignTeam(id, null), null);
		});

		it('should add agents to a team and answer only the newly added ones', async () => {
			const team = await h.admin.teams.create({ name: 'Escalations' });
			const first = await h.admin.teams.addMembers(team.id, [2, 3]);
			const second = await h.admin.teams.addMembers(team.id, [3, 4]);
			assert.deepEqual(
				first.map((a) => a.id),
				[2, 3],
			);
			assert.deepEqual(
				second.map((a) => a.id),
				[4],
			);
			assert.deepEqual(
				(await h.admin.teams.listMembers(team.id)).map((a) => a.id),
				[2, 3, 4],
			);
		});

		it('should answer 401 Invalid User IDs for a member outside the account', async () => {
			await assert.rejects(h.admin.teams.addMembers(CHATWOOT_SIM_TEAMS.sales.id, [77]), {
				remoteStatus: 401,
				chatwootMessage: 'Invalid User IDs',
			});
		});
	});

	describe('toggle_status', () => {
		it('should move pending to open for an administrator, answering success true', async () => {
			const { conversation_id: id } = await h.incoming(customer(1));
			const result = await h.admin.conversations.toggleStatus(id, { status: 'open' });
			assert.equal(result.success, true);
			assert.equal(result.current_status, 'open');
		});

		it('should toggle open to resolved and back when no status is given', async () => {
			const { conversation_id: id } = await h.incoming(customer(1));
			await h.admin.conversations.toggleStatus(id, { status: 'open' });
			assert.equal((await h.admin.conversations.toggleStatus(id)).current_status, 'resolved');
			assert.equal((await h.admin.conversations.toggleStatus(id)).current_status, 'open');
		});

		it('should assign the conversation to an agent who opens it, replacing the assignee', async () => {
			const { conversation_id: id } = await h.incoming(customer(1));
			await h.admin.conversations.assignAgent(id, CHATWOOT_SIM_AGENTS.support.id);
			const sales = h.clientWith(CHATWOOT_SIM_AGENTS.sales.token);
			await sales.conversations.toggleStatus(id, { status: 'open' });
			assert.equal(
				(await h.admin.conversations.get(id)).meta.assignee?.id,
				CHATWOOT_SIM_AGENTS.sales.id,
			);
		});

		it('should start a new conversation when a customer writes after resolution', async () => {
			const first = await h.incoming(customer(1));
			await h.admin.conversations.toggleStatus(first.conversation_id, { status: 'resolved' });
			const second = await h.incoming(customer(1));
			assert.equal(second.conversation_created, true);
			assert.notEqual(second.conversation_id, first.conversation_id);
		});
	});

	describe('listing', () => {
		it('should page 25 conversations at a time and count them in meta', async () => {
			for (let n = 0; n < 27; n += 1) await h.incoming(customer(n));
			const page1 = await h.admin.conversations.list({ status: 'pending' });
			const page2 = await h.admin.conversations.list({ status: 'pending', page: 2 });
			assert.equal(page1.payload.length, 25);
			assert.equal(page2.payload.length, 2);
			assert.equal(page1.meta.all_count, 27);
			assert.equal(page1.meta.unassigned_count, 27);
		});

		it('should list with updated_within only what changed within those seconds, all in one page', async () => {
			for (let n = 0; n < 26; n += 1) await h.incoming(customer(n));
			// Two seconds later (kept short: the simulator's updated_at never goes back once ahead).
			clockAheadMs = 2000;
			try {
				const recent = await h.incoming(customer(99));
				const withinOne = await h.admin.conversations.list({
					status: 'pending',
					updated_within: 1,
				});
				assert.deepEqual(
					withinOne.payload.map((c) => c.id),
					[recent.conversation_id],
				);
				const withinTen = await h.admin.conversations.list({
					status: 'pending',
					updated_within: 10,
					page: 2,
				});
				assert.equal(withinTen.payload.length, 27);
				assert.equal(withinTen.payload[0]?.id, recent.conversation_id);
				// As in Chatwoot, the counts are taken before updated_within applies.
				assert.equal(withinOne.meta.all_count, 27);
				assert.equal(withinTen.meta.all_count, 27);
			} finally {
				clockAheadMs = 0;
			}
		});

		it('should list only open conversations by default and filter by inbox and labels', async () => {
			const a = await h.incoming(customer(1, CHATWOOT_SIM_INBOXES.sales.id));
			const b = await h.incoming(customer(2, CHATWOOT_SIM_INBOXES.billing.id));
			assert.equal((await h.admin.conversations.list()).payload.length, 0);
			await h.admin.conversations.toggleStatus(a.conversation_id, { status: 'open' });
			await h.admin.conversations.toggleStatus(b.conversation_id, { status: 'open' });
			await h.admin.conversations.setLabels(b.conversation_id, ['factura']);
			const billing = await h.admin.conversations.list({
				inbox_id: CHATWOOT_SIM_INBOXES.billing.id,
			});
			assert.deepEqual(
				billing.payload.map((c) => c.id),
				[b.conversation_id],
			);
			const labelled = await h.admin.conversations.list({ labels: ['factura'] });
			assert.deepEqual(
				labelled.payload.map((c) => c.id),
				[b.conversation_id],
			);
		});

		it('should show an agent only the conversations of their inboxes', async () => {
			await h.incoming(customer(1, CHATWOOT_SIM_INBOXES.sales.id));
			await h.incoming(customer(2, CHATWOOT_SIM_INBOXES.support.id));
			const sales = h.clientWith(CHATWOOT_SIM_AGENTS.sales.token);
			const list = await sales.conversations.list({ status: 'all' });
			assert.deepEqual(
				list.payload.map((c) => c.inbox_id),
				[CHATWOOT_SIM_INBOXES.sales.id],
			);
		});

		it('should page messages with before and after cursors', async () => {
			const { conversation_id: id, message_id: firstId } = await h.incoming(customer(1));
			for (let n = 0; n < 24; n += 1)
				await h.admin.messages.create(id, { content: `respuesta ${n}` });
			const latest = await h.admin.messages.list(id);
			assert.equal(latest.payload.length, 20);
			assert.equal(latest.payload.at(-1)?.content, 'respuesta 23');
			const older = await h.admin.messages.list(id, { before: latest.payload[0]?.id });
			assert.equal(older.payload[0]?.id, firstId);
			assert.equal((await h.admin.messages.list(id, { after: firstId })).payload.length, 24);
		});
	});
});

describe('chatwoot simulator auto assignment', () => {
	it('should give a team conversation to an online member of the team and the inbox', async () => {
		const seed = defaultSeed();
		const h = await startHarness({
			simulateWhatsappSend: false,
			seed: { ...seed, users: seed.users?.map((u) => ({ ...u, availability: 'online' as const })) },
		});
		try {
			const { conversation_id: id } = await h.incoming(customer(1));
			// Pending (bot) conversations are not auto-assigned; the hand-off to open is.
			assert.equal((await h.admin.conversations.get(id)).meta.assignee, undefined);
			await h.admin.conversations.assignAgent(id, CHATWOOT_SIM_AGENTS.support.id);
			await h.admin.conversations.assignTeam(id, CHATWOOT_SIM_TEAMS.sales.id);
			assert.equal(
				(await h.admin.conversations.get(id)).meta.assignee?.id,
				CHATWOOT_SIM_AGENTS.sales.id,
			);
		} finally {
			await h.close();
		}
	});
});
