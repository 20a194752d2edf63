import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitWhatsAppWebhook } from './whatsapp-webhook.ts';
import { readWhatsAppStatus } from './whatsapp-status.ts';

const change = (value: Record<string, unknown>, field = 'messages') => ({
	object: 'whatsapp_business_account',
	entry: [
		{
			id: 'WABA1',
			changes: [
				{
					field,
					value: {
						messaging_product: 'whatsapp',
						metadata: { display_phone_number: '+250 788 123 200', phone_number_id: '1234567890' },
						...value,
					},
				},
			],
		},
	],
});
const firstValue = (payload: Record<string, unknown>) =>
	(payload as { entry: { changes: { value: Record<string, unknown> }[] }[] }).entry[0]!.changes[0]!
		.value;

describe('splitWhatsAppWebhook', () => {
	it('should give each message of a batch its own envelope with its own contact', () => {
		const items = splitWhatsAppWebhook(
			change({
				contacts: [
					{ profile: { name: 'A' }, wa_id: '111' },
					{ profile: { name: 'B' }, wa_id: '222' },
				],
				messages: [
					{ from: '111', id: 'wamid.A', type: 'text', text: { body: 'a' } },
					{ from: '222', id: 'wamid.B', type: 'text', text: { body: 'b' } },
				],
			}),
		);
		assert.deepEqual(
			items.map((item) => [item.kind, item.wamid, item.contact, item.dropReason]),
			[
				['message', 'wamid.A', '111', null],
				['message', 'wamid.B', '222', null],
			],
		);
		const second = firstValue(items[1]!.payload);
		assert.deepEqual(second.messages, [
			{ from: '222', id: 'wamid.B', type: 'text', text: { body: 'b' } },
		]);
		assert.deepEqual(second.contacts, [{ profile: { name: 'B' }, wa_id: '222' }]);
	});

	it('should write the display number as digits only, which Chatwoot prefixes with "+"', () => {
		const [item] = splitWhatsAppWebhook(
			change({ messages: [{ from: '111', id: 'wamid.A', type: 'text' }] }),
		);
		assert.equal(item!.displayNumber, '250788123200');
		assert.deepEqual(firstValue(item!.payload).metadata, {
			display_phone_number: '250788123200',
			phone_number_id: '1234567890',
		});
	});

	it('should file a username-only sender under the business-scoped user id', () => {
		const [item] = splitWhatsAppWebhook(
			change({
				contacts: [{ profile: { name: 'K', username: 'k' }, user_id: 'US.1234' }],
				messages: [{ from_user_id: 'US.1234', id: 'wamid.U', type: 'text' }],
			}),
		);
		assert.equal(item!.contact, 'US.1234');
		assert.equal(item!.dropReason, null);
	});

	it('should drop with a reason what Chatwoot cannot use', () => {
		const reasons = (payload: unknown) => splitWhatsAppWebhook(payload).map((i) => i.dropReason);
		assert.deepEqual(reasons([1, 2]), ['not_whatsapp']);
		assert.deepEqual(reasons({ object: 'page', entry: [] }), ['not_whatsapp']);
		assert.deepEqual(reasons(change({}, 'account_update')), ['not_message_field']);
		assert.deepEqual(reasons(change({ messages: [{ id: 'w', type: 'text' }] })), ['no_sender']);
		assert.deepEqual(reasons(change({ messages: [{ from: '1', type: 'text' }] })), ['no_id']);
		assert.deepEqual(reasons(change({ statuses: [{ id: 'w', status: 'deleted' }] })), [
			'unknown_status',
		]);
		assert.deepEqual(reasons(change({ errors: [{ code: 130429 }] })), ['errors_only']);
		assert.deepEqual(reasons(change({})), ['empty']);
	});
});

describe('readWhatsAppStatus', () => {
	const received = new Date('2026-12-06T12:00:00Z');

	it('should read a v24 status without pricing, keyed on the BSUID when there is no number', () => {
		const read = readWhatsAppStatus(
			{ id: 'wamid.S', status: 'read', timestamp: '1750030080', recipient_user_id: 'US.9' },
			'PNID',
			received,
		);
		assert.deepEqual(read, {
			ok: true,
			update: {
				wamid: 'wamid.S',
				status: 'read',
				timestamp: new Date(1750030080 * 1000),
				recipient: 'US.9',
				phoneNumberId: 'PNID',
				errors: [],
				pricing: null,
				callbackData: null,
			},
		});
	});

	it('should fall back to the arrival time for an unreadable timestamp and refuse unknown statuses', () => {
		const read = readWhatsAppStatus({ id: 'w', status: 'sent', timestamp: 'asdf' }, 'P', received);
		assert.equal(read.ok && read.update.timestamp.getTime(), received.getTime());
		assert.deepEqual(readWhatsAppStatus({ id: 'w', status: 'in_orbit' }, 'P', received), {
			ok: false,
			reason: 'unknown_status',
		});
	});
});
