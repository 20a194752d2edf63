import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { approvedTemplatesSettings } from './approved-templates-settings.ts';

describe('approvedTemplatesSettings', () => {
	it('should be off while the token or the WABA id is empty', () => {
		assert.equal(approvedTemplatesSettings({}), null);
		assert.equal(approvedTemplatesSettings({ META_WHATSAPP_TOKEN: 't', META_WABA_ID: '' }), null);
		assert.equal(approvedTemplatesSettings({ META_WHATSAPP_TOKEN: '', META_WABA_ID: '1' }), null);
	});

	it("should default to Meta's Graph, v23.0 and hourly at :15", () => {
		assert.deepEqual(approvedTemplatesSettings({ META_WHATSAPP_TOKEN: 't', META_WABA_ID: '102' }), {
			graphBaseUrl: 'https://graph.facebook.com',
			apiVersion: 'v23.0',
			accessToken: 't',
			appSecret: undefined,
			wabaId: '102',
			schedule: '15 * * * *',
		});
	});

	it('should read a WABA id Directus cast to a number as digits', () => {
		const settings = approvedTemplatesSettings({ META_WHATSAPP_TOKEN: 't', META_WABA_ID: 102 });
		assert.equal(settings?.wabaId, '102');
	});

	it('should name a malformed value and never print the token', () => {
		assert.throws(
			() =>
				approvedTemplatesSettings({
					META_WHATSAPP_TOKEN: 'secret-token',
					META_WABA_ID: 'waba',
					META_GRAPH_URL: 'ftp://x',
				}),
			(error: Error) =>
				/META_WABA_ID/.test(error.message) &&
				/META_GRAPH_URL/.test(error.message) &&
				!error.message.includes('secret-token'),
		);
	});
});
