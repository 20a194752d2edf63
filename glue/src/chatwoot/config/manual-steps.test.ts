import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG_FILE } from './index.ts';
import { loadChatwootConfig } from './load-config.ts';
import { manualSteps } from './manual-steps.ts';

const env = { GATEWAY_PUBLIC_URL: 'https://hooks.example.com' };
const northwind = () => loadChatwootConfig(DEFAULT_CONFIG_FILE, env);

describe('manual-steps', () => {
	describe('manualSteps', () => {
		it("should keep Northwind's conversations pending when a bot delivery fails", () => {
			assert.equal(northwind().account.keep_pending_on_bot_failure, true);
		});

		it('should give the operator the one command that sets keep_pending_on_bot_failure', () => {
			const [step, ...rest] = manualSteps(northwind());
			assert.deepEqual(rest, []);
			assert.match(
				step ?? '',
				/bundle exec rails runner 'Account\.find\(1\)\.update!\(keep_pending_on_bot_failure: true\)'/,
			);
		});

		it('should ask for nothing when the config leaves the setting off', () => {
			const config = northwind();
			const off = { ...config, account: { ...config.account, keep_pending_on_bot_failure: false } };
			assert.deepEqual(manualSteps(off), []);
		});
	});
});
