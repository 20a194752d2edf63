import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CHATWOOT_SIM_AGENTS, CHATWOOT_SIM_INBOXES, CHATWOOT_SIM_USER_TOKEN } from './constants.ts';
import { resetSim, startHarness, type Harness } from './test-support.ts';

describe('chatwoot simulator contacts and inboxes API', () => {
	let h: Harness;

	before(async () => {
		h = await startHarness({ simulateWhatsappSend: false });
	});
	after(() => h.close());
	beforeEach(() => resetSim(h));

	describe('contacts search', () => {
		it('should match name, email and phone without regard to case, 15 a page', async () => {
			for (let n = 0; n < 17; n += 1) {
				await h.admin.contacts.create({
					name: `María ${n}`,
					phone_number: `+52155100000${String(n).padStart(2, '0')}`,
				});
			}
			await h.admin.contacts.create({ name: 'Otro', email: 'MARIA@example.com' });
			const first = await h.admin.contacts.search('maría');
			assert.equal(first.payload.length, 15);
			assert.deepEqual(first.meta, { count: 15, current_page: 1, has_more: true });
			const second = await h.admin.contacts.search('maría', { page: 2 });
			assert.deepEqual(second.meta, { count: 2, current_page: 2, has_more: false });
			assert.deepEqual(
				(await h.admin.contacts.search('maria@')).payload.map((c) => c.name),
				['Otro'],
			);
			assert.equal((await h.admin.contacts.search('5215510000003')).payload.length, 1);
		});

		it('should echo current_page as the string sent and answer 422 without q', async () => {
			const url = `${h.server.url}/api/v1/accounts/1/contacts/search`;
			const headers = { api_access_token: CHATWOOT_SIM_USER_TOKEN };
			const paged = await (await fetch(`${url}?q=x&page=3`, { headers })).json();
			assert.deepEqual(paged, {
				meta: { count: 0, current_page: '3', has_more: false },
				payload: [],
			});
			const missing = await fetch(url, { headers });
			assert.equal(missing.status, 422);
			assert.deepEqual(await missing.json(), { error: 'Specify search string with parameter q' });
		});
	});

	describe('contacts create', () => {
		it('should create the contact inbox with the wa_id as source_id for a WhatsApp inbox', async () => {
			const created = await h.admin.contacts.create({
				name: 'Maria',
				phone_number: '+5215512345678',
				inbox_id: CHATWOOT_SIM_INBOXES.support.id,
			});
			assert.equal(created.contact_inbox.source_id, '5215512345678');
			assert.equal(created.contact_inbox.inbox?.id, CHATWOOT_SIM_INBOXES.support.id);
			assert.equal(created.contact.contact_inboxes?.[0]?.inbox.channel_type, 'Channel::Whatsapp');
		});

		it('should refuse a phone number that is not E.164 or already taken', async () => {
			await assert.rejects(h.admin.contacts.create({ phone_number: '5512345678' }), {
				name: 'ChatwootValidationError',
				chatwootMessage: 'Phone number should be in e164 format',
				attributes: ['phone_number'],
			});
			await h.admin.contacts.create({ phone_number: '+5215512345678' });
			await assert.rejects(h.admin.contacts.create({ phone_number: '+5215512345678' }), {
				chatwootMessage: 'Phone number has already been taken',
			});
		});

		it('should find the contact a customer message created, by phone', async () => {
			await h.incoming({
				inbox_id: 1,
				from: '+5215512345678',
				name: 'Maria Lopez',
				content: 'Hola',
			});
			const [contact] = (await h.admin.contacts.search('+5215512345678')).payload;
			assert.equal(contact?.name, 'Maria Lopez');
			assert.equal(contact?.contact_inboxes?.[0]?.source_id, '5215512345678');
		});
	});

	describe('inboxes', () => {
		it('should list every inbox with its number for an administrator, and only its own for an agent', async () => {
			const all = await h.admin.inboxes.list();
			assert.deepEqual(
				all.map((i) => [i.name, i.phone_number]),
				[
					['Sales', '+15550000001'],
					['Support', '+15550000002'],
					['Billing', '+15550000003'],
					['Northwind Fibre Messenger', undefined],
					['Northwind Fibre Instagram', undefined],
				],
			);
			const mine = await h.clientWith(CHATWOOT_SIM_AGENTS.billing.token).inboxes.list();
			assert.deepEqual(
				mine.map((i) => i.id),
				[CHATWOOT_SIM_INBOXES.billing.id],
			);
		});

		it('should show one inbox and answer 404 for an unknown one', async () => {
			assert.equal((await h.admin.inboxes.get(2)).channel_type, 'Channel::Whatsapp');
			await assert.rejects(h.admin.inboxes.get(42), { name: 'ChatwootNotFoundError' });
		});
	});
});
