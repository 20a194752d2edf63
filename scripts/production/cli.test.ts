// The production scripts' command-line frame: --help on each script, bad options and expected
// failures as one line, and the Node it needs.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { nodeVersionProblem, operatorMessage } from './cli.ts';
import { ProductionError } from './production-error.ts';

const run = promisify(execFile);

/** Every CLI under scripts/production/, as an operator runs it. */
export const PRODUCTION_SCRIPTS = [
	'bootstrap',
	'first-start',
	'health',
	'backup',
	'restore',
	'render-pangolin',
	'migrate-log-store',
	'go-live-check',
	'verify',
] as const;

type Failed = Error & { code: number; stdout: string; stderr: string };

function script(name: string): string {
	return join(import.meta.dirname, `${name}.ts`);
}

describe('cli.ts', () => {
	describe('--help', () => {
		for (const name of PRODUCTION_SCRIPTS) {
			it(`${name}.ts --help should print its usage and options and exit 0`, async () => {
				const { stdout, stderr } = await run(process.execPath, [script(name), '--help']);
				assert.match(stdout, new RegExp(`Usage: node scripts/production/${name}\\.ts`));
				assert.match(stdout, /^\s+-h, --help\s+this text$/m);
				assert.equal(stderr, '');
			});
		}

		it('-h should do the same as --help', async () => {
			const { stdout } = await run(process.execPath, [script('health'), '-h']);
			assert.match(stdout, /Usage: node scripts\/production\/health\.ts/);
		});
	});

	describe('a bad option', () => {
		it('should print one line naming it and --help, and exit 2, without a stack trace', async () => {
			await assert.rejects(
				run(process.execPath, [script('backup'), '--retention', '3']),
				(error: Failed) => {
					assert.equal(error.code, 2);
					assert.equal(error.stderr.trim().split('\n').length, 1, error.stderr);
					assert.match(
						error.stderr,
						/^switchboard: Unknown option '--retention'.*\(see --help\)$/m,
					);
					assert.doesNotMatch(error.stderr, /ERR_PARSE_ARGS|\n\s+at /);
					return true;
				},
			);
		});

		it('should refuse a stray positional argument the same way', async () => {
			await assert.rejects(run(process.execPath, [script('health'), 'now']), (error: Failed) => {
				assert.equal(error.code, 2);
				assert.match(error.stderr, /^switchboard: .*'now'.*\(see --help\)$/m);
				return true;
			});
		});
	});

	describe('an expected failure', () => {
		it('should print one line that says what to do', async () => {
			await assert.rejects(
				run(process.execPath, [script('backup'), '--dotenv', '/nonexistent/.env']),
				(error: Failed) => {
					assert.equal(error.code, 1);
					assert.equal(error.stderr.trim().split('\n').length, 1, error.stderr);
					assert.match(error.stderr, /^switchboard: .*\/nonexistent\/\.env/);
					return true;
				},
			);
		});
	});

	describe('nodeVersionProblem', () => {
		it('should accept the Node versions that strip types without a flag', () => {
			for (const version of ['22.18.0', '22.21.1', '23.6.0', '24.0.0', '24.21.0', '26.1.0']) {
				assert.equal(nodeVersionProblem(version), null, version);
			}
		});

		it('should name the version, the minimum and the fix for older ones', () => {
			for (const version of ['20.20.2', '22.17.1', '23.5.0', '18.0.0']) {
				const problem = nodeVersionProblem(version);
				assert.match(problem ?? '', new RegExp(`needs Node >= 22\\.18 \\(this is ${version}\\)`));
				assert.match(problem ?? '', /install Node 24/);
			}
		});
	});

	describe('operatorMessage', () => {
		it('should name the install step when a package cannot be found', () => {
			const error = Object.assign(
				new Error(
					"Cannot find package 'yaml' imported from /srv/switchboard/scripts/production/compose.ts",
				),
				{ code: 'ERR_MODULE_NOT_FOUND' },
			);
			assert.equal(
				operatorMessage(error),
				'package yaml is not installed: run `bash scripts/production/install.sh` in the repository root (again after each git pull).',
			);
		});

		it('should leave a missing file of ours to the stack trace: that is a bug', () => {
			const error = Object.assign(
				new Error(
					"Cannot find module '/srv/switchboard/scripts/production/gone.ts' imported from x",
				),
				{ code: 'ERR_MODULE_NOT_FOUND' },
			);
			assert.equal(operatorMessage(error), null);
		});

		it("should pass a ProductionError's message through, and nothing for other errors", () => {
			assert.equal(operatorMessage(new ProductionError('set BACKUP_DIR')), 'set BACKUP_DIR');
			assert.equal(operatorMessage(new TypeError('x is undefined')), null);
			assert.equal(operatorMessage(undefined), null);
		});
	});
});
