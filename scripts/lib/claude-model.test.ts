import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
	CLAUDE_MODEL_VARIABLES,
	claudeModelFromEnv,
	SIMULATOR_MODEL_SETTINGS,
} from './claude-model.ts';
import { readWorkflowFiles, WORKFLOWS_DIR } from './n8n-provision.ts';

const root = join(import.meta.dirname, '..', '..');

/** Every key and string value in a JSON value, depth first. */
function* walk(
	value: unknown,
	path: string,
): Generator<{ path: string; key: string; value: unknown }> {
	if (value === null || typeof value !== 'object') return;
	for (const [key, child] of Object.entries(value)) {
		yield { path: `${path}.${key}`, key, value: child };
		yield* walk(child, `${path}.${key}`);
	}
}

describe('claude-model', () => {
	describe('claudeModelFromEnv', () => {
		it("should take the simulator's model and prices for what is unset while simulated", () => {
			assert.deepEqual(claudeModelFromEnv({}, { simulated: true }), {
				ok: true,
				settings: SIMULATOR_MODEL_SETTINGS,
			});
			const result = claudeModelFromEnv(
				{ ANTHROPIC_MODEL: 'claude-sonnet-4-5', ANTHROPIC_PRICE_INPUT: '3' },
				{ simulated: true },
			);
			assert.equal(result.ok && result.settings.model, 'claude-sonnet-4-5');
			assert.equal(result.ok && result.settings.priceInput, 3);
		});

		it('should require the model and the input and output prices against a real API', () => {
			assert.deepEqual(claudeModelFromEnv({ ANTHROPIC_PRICE_INPUT: ' ' }, { simulated: false }), {
				ok: false,
				problems: [
					'ANTHROPIC_MODEL (empty)',
					'ANTHROPIC_PRICE_INPUT (empty)',
					'ANTHROPIC_PRICE_OUTPUT (empty)',
				],
			});
		});

		it('should refuse a negative or non-numeric price', () => {
			const result = claudeModelFromEnv(
				{ ANTHROPIC_MODEL: 'm', ANTHROPIC_PRICE_INPUT: '-1', ANTHROPIC_PRICE_OUTPUT: '1,5' },
				{ simulated: false },
			);
			assert.equal(result.ok, false);
			assert.equal(!result.ok && result.problems.length, 2);
		});
	});

	describe('one home', () => {
		it('should keep every model id and price out of the workflow JSON', () => {
			const found: string[] = [];
			for (const { file } of readWorkflowFiles()) {
				const workflow = JSON.parse(readFileSync(join(WORKFLOWS_DIR, file), 'utf8')) as unknown;
				for (const { path, key, value } of walk(workflow, file)) {
					if (path.includes('.parameters.') && ['model', 'prices', 'price'].includes(key)) {
						found.push(path);
					}
					if (typeof value === 'string' && /\bclaude-[a-z]+-\d/.test(value)) found.push(path);
				}
			}
			assert.deepEqual(found, []);
		});

		it('should give the Claude credential a field for every variable the stack writes into it', () => {
			// The node package is CommonJS, built apart: read its source rather than import it.
			const credential = readFileSync(
				join(root, 'n8n/custom-nodes/credentials/SwitchboardClaudeApi.credentials.ts'),
				'utf8',
			);
			const fields = [...credential.matchAll(/\bname: '(\w+)'/g)].map((match) => match[1]);
			for (const field of Object.values(CLAUDE_MODEL_VARIABLES)) {
				assert.ok(fields.includes(field), `SwitchboardClaudeApi has no field ${field}`);
			}
		});

		it('should list every variable in .env.example', () => {
			const example = readFileSync(join(root, '.env.example'), 'utf8');
			for (const name of Object.keys(CLAUDE_MODEL_VARIABLES)) {
				assert.match(example, new RegExp(`^${name}=`, 'm'), `.env.example lacks ${name}`);
			}
		});
	});
});
