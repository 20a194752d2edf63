import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CommandFailedError } from './command-failed-error.ts';
import { createDryRunRunner, createProcessRunner, formatCommand, type Command } from './command.ts';

const node = (script: string, extra: Partial<Command> = {}): Command => ({
	program: process.execPath,
	args: ['-e', script],
	...extra,
});

describe('command', () => {
	const dir = mkdtempSync(join(tmpdir(), 'sb-command-'));
	after(() => rmSync(dir, { recursive: true, force: true }));

	describe('formatCommand', () => {
		it('should quote what the shell would split and mask secret-looking variables', () => {
			const line = formatCommand({
				program: 'pg_dump',
				args: ['--dbname=n8n', "it's here", 'a b'],
				env: { PGHOST: 'db', PGPASSWORD: 'hunter2', API_TOKEN: 't' },
				stdoutFile: '/backups/n8n.dump',
			});
			assert.equal(
				line,
				`PGHOST=db PGPASSWORD=*** API_TOKEN=*** pg_dump --dbname=n8n 'it'\\''s here' 'a b' > /backups/n8n.dump`,
			);
		});

		it('should show what standard input text is, never the text itself', () => {
			const line = formatCommand({
				program: 'docker',
				args: ['exec', '-T', 'n8n', 'sh', '-c', 'cat > /tmp/x'],
				stdin: { text: '[{"data":{"password":"hunter2"}}]', label: 'credentials JSON: SMTP' },
			});
			assert.equal(line, "docker exec -T n8n sh -c 'cat > /tmp/x' <<< (credentials JSON: SMTP)");
			assert.ok(!line.includes('hunter2'));
		});
	});

	describe('createProcessRunner', () => {
		const runner = createProcessRunner({ quiet: true });

		it('should capture standard output and pass the extra environment', async () => {
			assert.equal(
				await runner.capture(node('console.log(process.env.SB_X)', { env: { SB_X: ' value ' } })),
				'value',
			);
		});

		it('should stream standard output into a private file and read standard input from one', async () => {
			const input = join(dir, 'in.txt');
			const output = join(dir, 'out.txt');
			writeFileSync(input, 'from a file');
			await runner.run(
				node('process.stdin.pipe(process.stdout)', { stdinFile: input, stdoutFile: output }),
			);
			assert.equal(readFileSync(output, 'utf8'), 'from a file');
			assert.equal(statSync(output).mode & 0o777, 0o600);
		});

		it('should give a program standard input from text', async () => {
			const output = join(dir, 'from-text.txt');
			await runner.run(
				node('process.stdin.pipe(process.stdout)', {
					stdin: { text: '[{"name":"Claude"}]', label: 'one credential' },
					stdoutFile: output,
				}),
			);
			assert.equal(readFileSync(output, 'utf8'), '[{"name":"Claude"}]');
		});

		it('should report the exit code when a program leaves its standard input unread', async () => {
			await assert.rejects(
				runner.run(
					node('process.exit(4)', { stdin: { text: 'x'.repeat(1 << 20), label: 'a lot' } }),
				),
				(err: unknown) => err instanceof CommandFailedError && err.exitCode === 4,
			);
		});

		it('should fail with the exit code and the end of standard error', async () => {
			await assert.rejects(
				runner.run(node('console.error("first"); console.error("disk full"); process.exit(3)')),
				(err: unknown) =>
					err instanceof CommandFailedError &&
					err.exitCode === 3 &&
					err.stderrTail === 'first | disk full',
			);
		});

		it('should fail without an exit code when the program does not exist', async () => {
			await assert.rejects(
				runner.run({ program: join(dir, 'no-such-program'), args: [] }),
				(err: unknown) => err instanceof CommandFailedError && err.exitCode === null,
			);
		});
	});

	describe('createDryRunRunner', () => {
		it('should print each command instead of running it', async () => {
			const lines: string[] = [];
			const runner = createDryRunRunner({
				print: (line) => lines.push(line),
				captured: () => 'postgres',
			});
			const target = join(dir, 'never-written');
			await runner.run(
				node('require("fs").writeFileSync(process.argv[1], "x")', { stdoutFile: target }),
			);
			assert.equal(await runner.capture({ program: 'psql', args: ['-At'] }), 'postgres');
			assert.equal(lines.length, 2);
			assert.throws(() => statSync(target));
		});
	});
});
