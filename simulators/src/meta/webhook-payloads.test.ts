import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from './config.ts';
import { buildPayload, messagingUpdate, waMessageUpdate } from './webhook-payloads.ts';

const [number] = parseConfig().businessNumbers;

describe('webhook-payloads', () => {
	describe('waMessageUpdate', () => {
		it('should build the reference text payload shape, value before field', () => {
			const update = waMessageUpdate(
				number!,
				{ name: 'Sheena Nelson', waId: '16505551234' },
				{
					from: '16505551234',
					id: 'wamid.X',
					timestamp: '1749416383',
					type: 'text',
					text: { body: 'hi' },
				},
			);
			assert.equal(
				JSON.stringify(buildPayload('whatsapp_business_account', [update])),
				'{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":' +
					'{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",' +
					'"phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Sheena Nelson"},' +
					'"wa_id":"16505551234"}],"messages":[{"from":"16505551234","id":"wamid.X","timestamp":' +
					'"1749416383","type":"text","text":{"body":"hi"}}]},"field":"messages"}]}]}',
			);
		});

		it('should carry user_id instead of wa_id for a username user', () => {
			const update = waMessageUpdate(number!, { name: 'U', userId: 'US.123' }, { type: 'text' });
			const payload = JSON.parse(
				JSON.stringify(buildPayload('whatsapp_business_account', [update])),
			);
			assert.deepEqual(payload.entry[0].changes[0].value.contacts, [
				{ profile: { name: 'U' }, user_id: 'US.123' },
			]);
		});
	});

	describe('buildPayload', () => {
		it('should give each messaging event its own entry with its time', () => {
			const a = messagingUpdate('page', 'P', 1, { n: 1 });
			const b = messagingUpdate('page', 'P', 2, { n: 2 });
			assert.deepEqual(buildPayload('page', [a, b]), {
				object: 'page',
				entry: [
					{ id: 'P', time: 1, messaging: [{ n: 1 }] },
					{ id: 'P', time: 2, messaging: [{ n: 2 }] },
				],
			});
		});
	});
});
