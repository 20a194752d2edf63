import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chatwootSimOptionsFromEnv } from './env-options.ts';

describe('chatwootSimOptionsFromEnv', () => {
	it('should keep in-order delivery and 4.15 when nothing is set', () => {
		assert.deepEqual(chatwootSimOptionsFromEnv({ PATH: '/usr/bin' }), {
			delivery: { mode: 'in-order' },
			chatwootVersion: '4.15',
		});
	});

	it('should treat empty variables as unset', () => {
		const env = { SWITCHBOARD_SIM_DELIVERY: '', SWITCHBOARD_SIM_CHATWOOT_VERSION: '' };
		assert.deepEqual(chatwootSimOptionsFromEnv(env), {
			delivery: { mode: 'in-order' },
			chatwootVersion: '4.15',
		});
	});

	it('should switch on realistic delivery with its seed, and 4.16', () => {
		const env = {
			SWITCHBOARD_SIM_DELIVERY: 'realistic',
			SWITCHBOARD_SIM_DELIVERY_SEED: '42',
			SWITCHBOARD_SIM_CHATWOOT_VERSION: '4.16',
		};
		assert.deepEqual(chatwootSimOptionsFromEnv(env), {
			delivery: { mode: 'realistic', seed: 42 },
			chatwootVersion: '4.16',
		});
	});

	it('should leave the seed to the simulator when none is given', () => {
		const options = chatwootSimOptionsFromEnv({ SWITCHBOARD_SIM_DELIVERY: 'realistic' });
		assert.deepEqual(options.delivery, { mode: 'realistic', seed: undefined });
	});

	it('should throw naming the variable when a value is unknown', () => {
		assert.throws(
			() => chatwootSimOptionsFromEnv({ SWITCHBOARD_SIM_DELIVERY: 'chaos' }),
			/SWITCHBOARD_SIM_DELIVERY/,
		);
		assert.throws(
			() => chatwootSimOptionsFromEnv({ SWITCHBOARD_SIM_CHATWOOT_VERSION: '4.17' }),
			/SWITCHBOARD_SIM_CHATWOOT_VERSION/,
		);
		assert.throws(
			() =>
				chatwootSimOptionsFromEnv({
					SWITCHBOARD_SIM_DELIVERY: 'realistic',
					SWITCHBOARD_SIM_DELIVERY_SEED: 'abc',
				}),
			/SWITCHBOARD_SIM_DELIVERY_SEED/,
		);
	});
});
