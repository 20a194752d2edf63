import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { EnvFileError } from './env-file-error.ts';
import {
	fillEnvValues,
	missingValues,
	parseEnvText,
	readEnvFile,
	setEnvValues,
	writeEnvFile,
} from './env-file.ts';

describe('env-file', () => {
	const dir = mkdtempSync(join(tmpdir(), 'sb-env-'));
	after(() => rmSync(dir, { recursive: true, force: true }));

	describe('fillEnvValues', () => {
		it('should fill empty assignments in place and keep comments and order', () => {
			const text = '# a comment\nA=\nB=kept\n# C=\nC=""\n';
			assert.equal(
				fillEnvValues(text, { A: 'x', C: 'z' }),
				'# a comment\nA=x\nB=kept\n# C=\nC=z\n',
			);
		});

		it('should never rewrite a line that holds a value, appending instead', () => {
			assert.equal(fillEnvValues('B=kept', { B: 'new' }), 'B=kept\nB=new\n');
		});

		it('should append names that have no line yet, after a final newline', () => {
			assert.equal(fillEnvValues('A=1\n', { D: 'd', E: 'e' }), 'A=1\nD=d\nE=e\n');
			assert.equal(fillEnvValues('', { D: 'd' }), 'D=d\n');
		});

		it('should not mistake a longer name for the one being filled', () => {
			assert.equal(fillEnvValues('AB=\nA=\n', { A: '1' }), 'AB=\nA=1\n');
		});
	});

	describe('setEnvValues', () => {
		it('should rewrite the last assignment of each name in place, keeping comments and order', () => {
			const text = '# bot\nCHATWOOT_BOT_SECRET=old\n# token\nCHATWOOT_BOT_TOKEN=\nLOG_LEVEL=info\n';
			assert.equal(
				setEnvValues(text, { CHATWOOT_BOT_SECRET: 'new', CHATWOOT_BOT_TOKEN: 'tok' }),
				'# bot\nCHATWOOT_BOT_SECRET=new\n# token\nCHATWOOT_BOT_TOKEN=tok\nLOG_LEVEL=info\n',
			);
			assert.equal(setEnvValues('A=1\nA=2\n', { A: '3' }), 'A=1\nA=3\n');
		});

		it('should append a name with no assignment, and leave commented or longer names alone', () => {
			assert.equal(
				setEnvValues('# SECRET=x\nSECRET_TWO=y', { SECRET: 'z' }),
				'# SECRET=x\nSECRET_TWO=y\nSECRET=z\n',
			);
		});
	});

	describe('readEnvFile', () => {
		it('should say to run bootstrap when .env does not exist', () => {
			assert.throws(
				() => readEnvFile(join(dir, 'absent')),
				(err: unknown) => err instanceof EnvFileError && /bootstrap\.ts/.test(err.message),
			);
		});

		it('should read the last assignment of a name, as Compose does', () => {
			writeFileSync(join(dir, 'dup'), 'A=1\nA=2\n');
			assert.equal(readEnvFile(join(dir, 'dup')).A, '2');
		});
	});

	describe('writeEnvFile', () => {
		it('should leave the file readable by its owner only, even when it existed with wider rights', () => {
			const file = join(dir, 'wide');
			writeFileSync(file, 'A=1\n', { mode: 0o644 });
			writeEnvFile(file, 'A=2\n');
			assert.equal(statSync(file).mode & 0o777, 0o600);
			assert.equal(readFileSync(file, 'utf8'), 'A=2\n');
		});
	});

	describe('missingValues', () => {
		it('should report unset and blank names', () => {
			assert.deepEqual(missingValues(parseEnvText('A=1\nB=\nC= \n'), ['A', 'B', 'C', 'D']), [
				'B',
				'C',
				'D',
			]);
		});
	});
});
