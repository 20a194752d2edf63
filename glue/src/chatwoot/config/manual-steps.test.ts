import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG_FILE } from './index.ts';
import { loadChatwootConfig } from './load-config.ts';
import { keepPendingRailsRunner, keepPendingRubyScript, manualSteps } from './manual-steps.ts';

const env = { GATEWAY_PUBLIC_URL: 'https://hooks.example.com' };
const northwind = () => loadChatwootConfig(DEFAULT_CONFIG_FILE, env);

describe('manual-steps', () => {
	describe('manualSteps', () => {
		it("should keep Northwind's conversations pending when a bot delivery fails", () => {
			assert.equal(northwind().account.keep_pending_on_bot_failure, true);
		});

		it('should tell the operator that production sets it, and the command for another Chatwoot', () => {
			const [step, ...rest] = manualSteps(northwind());
			assert.deepEqual(rest, []);
			assert.match(step ?? '', /first-start\.ts --only=chatwoot-config/);
			assert.ok(step?.includes(`bundle exec rails runner '${keepPendingRubyScript(northwind())}'`));
		});
	});

	describe('keepPendingRailsRunner', () => {
		it('should set the value, read it back and fail unless Chatwoot has it', () => {
			const [bundle, exec, rails, runner, script, ...rest] = keepPendingRailsRunner(northwind());
			assert.deepEqual(
				[bundle, exec, rails, runner, rest],
				['bundle', 'exec', 'rails', 'runner', []],
			);
			assert.match(
				script ?? '',
				/^account = Account\.find\(1\); account\.update!\(keep_pending_on_bot_failure: true\); /,
			);
			assert.match(script ?? '', /abort\(".*"\) unless value == true; puts "/);
			assert.ok(!script?.includes("'"), 'no single quote, so the printed command can quote it');
		});

		it('should turn the setting off when the config does', () => {
			const config = northwind();
			const off = { ...config, account: { ...config.account, keep_pending_on_bot_failure: false } };
			assert.match(
				keepPendingRubyScript(off),
				/update!\(keep_pending_on_bot_failure: false\).*unless value == false/,
			);
		});

		it('should ask for nothing when the config leaves the setting off', () => {
			const config = northwind();
			const off = { ...config, account: { ...config.account, keep_pending_on_bot_failure: false } };
			assert.deepEqual(manualSteps(off), []);
		});
	});
});
