import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useWebhookFixture } from './test-support.ts';

const maria = { inbox_id: 1, from: '+5215512345678', name: 'Maria Lopez' };

describe('chatwoot simulator contacts show and update', () => {
	const f = useWebhookFixture();

	it('should merge custom attributes and send contact_updated with what changed, to account webhooks only', async () => {
		const { contact_id } = await f.h.incoming({ ...maria, content: 'Hola' });
		await f.h.admin.contacts.update(contact_id, { custom_attributes: { lead_source: 'whatsapp' } });
		const updated = await f.h.admin.contacts.update(contact_id, {
			custom_attributes: { stage: 'qualified' },
		});
		assert.deepEqual(updated.custom_attributes, { lead_source: 'whatsapp', stage: 'qualified' });
		assert.deepEqual((await f.h.admin.contacts.get(contact_id)).custom_attributes, {
			lead_source: 'whatsapp',
			stage: 'qualified',
		});
		await f.settle();
		const events = f.account.ofEvent('contact_updated');
		assert.equal(events.length, 2);
		const last = events[1]?.json as Record<string, unknown>;
		assert.equal(last.id, contact_id);
		assert.deepEqual(last.custom_attributes, { lead_source: 'whatsapp', stage: 'qualified' });
		const changed = last.changed_attributes as Record<string, unknown>[];
		assert.deepEqual(changed[0], {
			custom_attributes: {
				previous_value: { lead_source: 'whatsapp' },
				current_value: { lead_source: 'whatsapp', stage: 'qualified' },
			},
		});
		assert.ok(changed.some((entry) => 'updated_at' in entry));
		assert.equal(f.bot.ofEvent('contact_updated').length, 0);
	});

	it('should send nothing when the update changes nothing', async () => {
		const { contact_id } = await f.h.incoming({ ...maria, content: 'Hola' });
		await f.h.admin.contacts.update(contact_id, { custom_attributes: { stage: 'new' } });
		await f.h.admin.contacts.update(contact_id, { custom_attributes: { stage: 'new' } });
		await f.settle();
		assert.equal(f.account.ofEvent('contact_updated').length, 1);
	});

	it('should answer 404 for a contact that does not exist', async () => {
		await assert.rejects(f.h.admin.contacts.get(987654), { name: 'ChatwootNotFoundError' });
	});
});
