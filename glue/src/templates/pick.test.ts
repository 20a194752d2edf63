import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { templateSchema, type TemplateInput } from './model.ts';
import { pickTemplate } from './pick.ts';

const t = (overrides: Partial<TemplateInput>) =>
	templateSchema.parse({ key: 'out_of_hours', language: 'en', body: 'x', ...overrides });

describe('templates: pickTemplate', () => {
	const templates = [
		t({ language: 'en', body: 'en' }),
		t({ language: 'es', body: 'es' }),
		t({ language: 'es', body: 'es messenger', channel: 'messenger' }),
		t({ language: 'pt-br', body: 'pt-br' }),
		t({ language: 'fr', body: 'fr draft', status: 'draft' }),
		t({ key: 'handoff', language: 'de', body: 'de' }),
	];
	const body = (language: string | null, channel?: 'messenger' | 'instagram' | 'email') =>
		pickTemplate(templates, 'out_of_hours', language, { channel })?.body ?? null;

	it("should pick the customer's language, then its primary language, then English", () => {
		assert.equal(body('es-MX'), 'es');
		assert.equal(body('PT_BR'), 'pt-br');
		assert.equal(body('de'), 'en');
		assert.equal(body(null), 'en');
	});

	it('should never pick a draft', () => {
		assert.equal(body('fr'), 'en');
	});

	it('should prefer the channel asked for, and use another free-form text in that language', () => {
		assert.equal(body('es', 'messenger'), 'es messenger');
		assert.equal(body('es', 'instagram'), 'es');
		assert.equal(body('es', 'email'), null);
	});

	it('should give null when the key has no template', () => {
		assert.equal(pickTemplate(templates, 'opt_out', 'en'), null);
	});
});
