import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { broadcastSettingsFromEnv, queryableVia, suppressedPhonesVia } from './settings.ts';

describe('settings', () => {
	describe('broadcastSettingsFromEnv', () => {
		it("should take the number's own rate, else the default, and no limit when unlimited", () => {
			const env = {
				BROADCAST_RATE_PER_SECOND: '80',
				BROADCAST_RATE_PER_NUMBER: '{"1555000000001": 1000}',
				WHATSAPP_MESSAGING_LIMIT: 'unlimited',
			};
			assert.deepEqual(broadcastSettingsFromEnv(env, '1555000000001'), {
				ratePerSecond: 1000,
				messagingLimit: null,
			});
			assert.deepEqual(broadcastSettingsFromEnv(env, '1555000000002').ratePerSecond, 80);
		});
		it('should fall back to 80 a second for an empty or malformed environment', () => {
			assert.deepEqual(broadcastSettingsFromEnv({}), { ratePerSecond: 80, messagingLimit: null });
			assert.equal(
				broadcastSettingsFromEnv({
					BROADCAST_RATE_PER_NUMBER: '{oops',
					WHATSAPP_MESSAGING_LIMIT: '250',
				}).messagingLimit,
				250,
			);
		});
	});

	describe('suppressedPhonesVia', () => {
		it('should ask once with E.164 digits and answer E.164 numbers', async () => {
			const calls: unknown[][] = [];
			const database = {
				raw: async (sql: string, bindings: unknown[]) => {
					calls.push([sql, bindings]);
					return { rows: [{ phone: '34600000001' }] };
				},
			};
			const found = await suppressedPhonesVia(database)(['+34 600 000 001', '+34600000002']);
			assert.deepEqual([...found], ['+34600000001']);
			assert.deepEqual(calls[0]?.[1], [['34600000001', '34600000002']]);
		});
		it('should not ask for no phones', async () => {
			const database = { raw: async () => assert.fail('no query expected') };
			assert.equal((await suppressedPhonesVia(database)([])).size, 0);
		});
	});

	describe('queryableVia', () => {
		it("should turn $n placeholders into knex's ? with the values in the order they appear", async () => {
			const calls: unknown[][] = [];
			const database = {
				raw: async (sql: string, bindings: unknown[]) => {
					calls.push([sql, bindings]);
					return { rows: [{ contact_id: '7' }] };
				},
			};
			const result = await queryableVia(database).query(
				'select contact_id from t where stage = $2 and account_id = $1 or account_id = $1',
				[1, 'qualified'],
			);
			assert.deepEqual(result.rows, [{ contact_id: '7' }]);
			assert.deepEqual(calls, [
				[
					'select contact_id from t where stage = ? and account_id = ? or account_id = ?',
					['qualified', 1, 1],
				],
			]);
		});
	});
});
