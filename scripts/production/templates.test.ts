import assert from 'node:assert/strict';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { renderTemplate, renderTemplates, templateVariables } from './templates.ts';
import { TemplateVariableError } from './template-error.ts';

describe('templates', () => {
	const dir = mkdtempSync(join(tmpdir(), 'sb-templates-'));
	after(() => rmSync(dir, { recursive: true, force: true }));

	describe('templateVariables', () => {
		it('should list each upper-case placeholder once, in order', () => {
			assert.deepEqual(templateVariables('${B} ${A} ${B} $A ${lower} $${X}'), ['B', 'A', 'X']);
		});
	});

	describe('renderTemplate', () => {
		it('should replace every placeholder with its trimmed value', () => {
			assert.equal(
				renderTemplate('https://${HOST}/x?${HOST}', { HOST: ' chat.example.org ' }, 't'),
				'https://chat.example.org/x?chat.example.org',
			);
		});

		it('should name every missing or empty variable at once', () => {
			assert.throws(
				() => renderTemplate('${A} ${B} ${C}', { A: 'a', B: '  ' }, 'config.yml'),
				(err: unknown) =>
					err instanceof TemplateVariableError &&
					err.template === 'config.yml' &&
					err.variables.join() === 'B,C' &&
					/set them in \.env/.test(err.message),
			);
		});
	});

	describe('renderTemplates', () => {
		it('should write every template, sub-folders included, readable by the containers', () => {
			const templates = join(dir, 'templates');
			mkdirSync(join(templates, 'traefik'), { recursive: true });
			writeFileSync(join(templates, 'config.yml'), 'url: https://${HOST}\n');
			writeFileSync(join(templates, 'traefik', 'static.yml'), 'email: ${MAIL}\n');
			const out = join(dir, 'out');
			const written = renderTemplates({
				templatesDir: templates,
				outputDir: out,
				env: { HOST: 'h.example.org', MAIL: 'ops@example.org' },
			});
			assert.deepEqual(written, ['config.yml', 'traefik/static.yml']);
			assert.equal(
				readFileSync(join(out, 'traefik', 'static.yml'), 'utf8'),
				'email: ops@example.org\n',
			);
			assert.equal(statSync(join(out, 'config.yml')).mode & 0o777, 0o644);
		});

		it('should write nothing when any template lacks a variable', () => {
			const templates = join(dir, 'partial');
			mkdirSync(templates);
			writeFileSync(join(templates, 'a.yml'), '${HOST}\n');
			writeFileSync(join(templates, 'b.yml'), '${MISSING}\n');
			const out = join(dir, 'partial-out');
			assert.throws(
				() => renderTemplates({ templatesDir: templates, outputDir: out, env: { HOST: 'h' } }),
				TemplateVariableError,
			);
			assert.equal(existsSync(out), false);
		});
	});
});
