import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { regainAccessMs, retryAfterFrom } from './rate-limit-headers.ts';

describe('rate-limit-headers', () => {
	describe('regainAccessMs', () => {
		it('should read the longest estimated_time_to_regain_access, in minutes, as ms', () => {
			const header = JSON.stringify({
				'109876543210987': [
					{ type: 'pages', call_count: 100, estimated_time_to_regain_access: 2 },
					{ type: 'messenger', call_count: 10, estimated_time_to_regain_access: 0 },
				],
				'102290129340398': [
					{ type: 'whatsapp_business_management', estimated_time_to_regain_access: 5 },
				],
			});
			assert.equal(regainAccessMs(header), 300_000);
		});

		it('should give null when absent, zero or unreadable', () => {
			const zero = JSON.stringify({ '1': [{ type: 'pages', estimated_time_to_regain_access: 0 }] });
			for (const header of [undefined, '', 'not json', '[1]', '{"1":"x"}', zero]) {
				assert.equal(regainAccessMs(header), null, String(header));
			}
		});
	});

	describe('retryAfterFrom', () => {
		it('should prefer Retry-After over the business-use-case estimate', () => {
			const buc = JSON.stringify({ '1': [{ estimated_time_to_regain_access: 3 }] });
			assert.equal(retryAfterFrom({ 'retry-after': '2', 'x-business-use-case-usage': buc }), 2000);
			assert.equal(retryAfterFrom({ 'x-business-use-case-usage': buc }), 180_000);
			assert.equal(retryAfterFrom({}), null);
		});
	});
});
