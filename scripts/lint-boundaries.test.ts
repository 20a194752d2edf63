// The import boundaries of eslint.config.js: adapters use glue only through its public entry
// points, and glue depends on scripts/ and simulators/ only in its test support.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const repoRoot = join(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: repoRoot });

/** The no-restricted-imports messages ESLint gives `code` as if it were the file at `path`. */
async function boundaryErrors(path: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath: join(repoRoot, path) });
	assert.ok(result, `ESLint gave no result for ${path}`);
	return result.messages
		.filter((message) => message.ruleId === 'no-restricted-imports')
		.map((message) => message.message);
}

describe('lint boundaries', () => {
	describe('adapters outside glue', () => {
		it('should refuse a relative import of a file under glue/src', async () => {
			const errors = await boundaryErrors(
				'scripts/example.ts',
				"import { migrate } from '../glue/src/log-store/migrate.ts';\nvoid migrate;\n",
			);
			assert.equal(errors.length, 1);
			assert.match(errors[0]!, /@switchboard\/glue\/<module>/);
		});

		it('should refuse a file below a public entry point', async () => {
			const errors = await boundaryErrors(
				'bench/example.ts',
				"import { gatewayEnvSchema } from '@switchboard/glue/gateway/config.ts';\nvoid gatewayEnvSchema;\n",
			);
			assert.equal(errors.length, 1);
			assert.match(errors[0]!, /Not a public entry point/);
		});

		it('should accept the public entry points, nested ones included', async () => {
			const errors = await boundaryErrors(
				'scripts/example.ts',
				[
					"import { migrate } from '@switchboard/glue/log-store';",
					"import { applyDirectusSchema } from '@switchboard/glue/content/setup';",
					'void migrate;',
					'void applyDirectusSchema;',
				].join('\n'),
			);
			assert.deepEqual(errors, []);
		});

		it('should check the n8n nodes too, which n8n lints with its own rules', async () => {
			const deep = await boundaryErrors(
				'n8n/custom-nodes/nodes/Example/example.operation.ts',
				"import { triage } from '../../../../glue/src/triage/triage.ts';\nvoid triage;\n",
			);
			assert.equal(deep.length, 1);
			const fine = await boundaryErrors(
				'n8n/custom-nodes/nodes/Example/example.operation.ts',
				"import { triage } from '@switchboard/glue/triage';\nvoid triage;\n",
			);
			assert.deepEqual(fine, []);
		});
	});

	describe('glue', () => {
		it('should refuse scripts/ or simulators/ in library code', async () => {
			const errors = await boundaryErrors(
				'glue/src/log-store/example.ts',
				[
					"import { databaseUrl } from '../../../scripts/lib/postgres.ts';",
					"import { startSim } from '../../../simulators/src/meta/test-support.ts';",
					'void databaseUrl;',
					'void startSim;',
				].join('\n'),
			);
			assert.equal(errors.length, 2);
		});

		it('should allow them in test support files', async () => {
			for (const path of [
				'glue/src/log-store/example.test.ts',
				'glue/src/log-store/test-database.ts',
				'glue/src/meta/test-support.ts',
			]) {
				const errors = await boundaryErrors(
					path,
					"import { databaseUrl } from '../../../scripts/lib/postgres.ts';\nvoid databaseUrl;\n",
				);
				assert.deepEqual(errors, [], path);
			}
		});
	});
});
