// Broadcasts in a real Directus 11 (schema, access and seed applied; directus/extensions loaded): a
// marketing editor schedules and cancels, the broadcasts hook refuses what cannot be scheduled and
// writes the estimate, and the automation's token can do what workflow 01's opt-out step does.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { localDateTime } from '../../common/zoned-time.ts';
import { checkInboundForBroadcasts, directusBroadcastRecords } from '../../audience/index.ts';
import { connectDirectus } from '../directus-client.ts';
import { requestAs, startContentDirectus, type ContentDirectus } from './testing.ts';

describe('broadcasts in Directus', () => {
	let cms: ContentDirectus;
	let editor: { url: string; token: string };

	before(async () => {
		cms = await startContentDirectus({ access: true, seed: { clock: { now: () => Date.now() } } });
		editor = { url: cms.admin.url, token: await cms.createUser('Marketing editor') };
	});
	after(async () => {
		await cms?.stop();
	});

	const as = (method: string, path: string, body?: unknown) =>
		requestAs(editor, method, path, body);

	/** A draft broadcast of the seed's out_of_hours key to a group of `phones`, as marketing makes one. */
	const draft = async (phones: string[], templateKey = 'out_of_hours') => {
		const recipients = await as(
			'POST',
			'/items/recipients',
			phones.map((phone) => ({ phone, name: 'Ana', language: 'en' })),
		);
		assert.equal(recipients.status, 200, recipients.message ?? '');
		const ids = ((recipients.data as { id: number }[] | null) ?? []).map((row) => row.id);
		const group = await as('POST', '/items/recipient_groups', {
			name: `group ${phones.join(',') || 'empty'} ${Math.random()}`,
			recipients: ids.map((id) => ({ recipients_id: id })),
		});
		assert.equal(group.status, 200, group.message ?? '');
		const broadcast = await as('POST', '/items/broadcasts', {
			name: 'Test',
			template_key: templateKey,
			department: 'sales',
			groups: [{ recipient_groups_id: (group.data as { id: number }).id }],
		});
		assert.equal(broadcast.status, 200, broadcast.message ?? '');
		return (broadcast.data as { id: number }).id;
	};
	const inAnHour = () => localDateTime(Date.now() + 3_600_000, 'America/New_York');

	it('should refuse a phone that is not in international form', async () => {
		const res = await as('POST', '/items/recipients', { phone: '600 111 222' });
		assert.equal(res.status, 400);
	});

	it('should refuse to schedule without groups worth sending to, or without a WhatsApp template', async () => {
		const empty = await draft([]);
		const res = await as('PATCH', `/items/broadcasts/${empty}`, {
			status: 'scheduled',
			scheduled_at: inAnHour(),
		});
		assert.equal(res.status, 400);
		assert.match(res.message ?? '', /nobody to send to/);
		// The seed's out_of_hours has only WhatsApp-message versions.
		assert.match(res.message ?? '', /no WhatsApp template version/);
	});

	it('should refuse a status the flow does not allow', async () => {
		const id = await draft(['+15550009001']);
		// Marketing's policy allows only draft, scheduled, cancelled and archived.
		const res = await as('PATCH', `/items/broadcasts/${id}`, { status: 'sent' });
		assert.equal(res.status, 400);
		const admin = await requestAs(cms.admin, 'PATCH', `/items/broadcasts/${id}`, {
			status: 'sent',
		});
		assert.equal(admin.status, 400);
		assert.match(admin.message ?? '', /A draft broadcast can only become scheduled or archived/);
	});

	it('should let a marketing editor archive a draft', async () => {
		const id = await draft(['+15550009002']);
		assert.equal(
			(await as('PATCH', `/items/broadcasts/${id}`, { status: 'archived' })).status,
			200,
		);
	});

	it("should let the automation act on a customer's BAJA: suppressed, recorded, confirmed in Spanish", async () => {
		const records = directusBroadcastRecords(
			connectDirectus<object>({ url: cms.admin.url, token: cms.automationToken! }),
		);
		const check = await checkInboundForBroadcasts(
			{ records, pool: cms.pool },
			{ text: '¡Baja!', phone: '+34600000777', name: 'Lucía' },
		);
		assert.equal(check.skipped, null);
		assert.equal(check.optOut?.kind, 'stop');
		assert.match(check.optOut?.confirmation ?? '', /^Hecho: Northwind Fibre ya no te enviará/);
		const recipient = await requestAs(
			cms.admin,
			'GET',
			'/items/recipients?filter[phone][_eq]=%2B34600000777&fields=opt_out_source,opted_out_at',
		);
		assert.equal((recipient.data as { opt_out_source: string }[])[0]?.opt_out_source, 'keyword');
	});
});
