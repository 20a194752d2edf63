import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ContentTemplateError } from './content-template-error.ts';
import { pickTemplate, renderTemplate } from './message-template.ts';
import type { MessageTemplate } from './schemas.ts';

function template(overrides: Partial<MessageTemplate> = {}): MessageTemplate {
	return {
		key: 'out_of_hours',
		language: 'en',
		body: 'Thanks, {{contact_name}}. We open again {{ opens_at }}.',
		...overrides,
	};
}

describe('message-template', () => {
	describe('pickTemplate', () => {
		const templates = [
			template(),
			template({ language: 'es', body: 'Gracias. Abrimos {{opens_at}}.' }),
			template({ language: 'pt-br', body: 'Obrigado. Abrimos {{opens_at}}.' }),
			template({ key: 'handoff', language: 'fr', body: 'Merci.' }),
		];
		const languageOf = (language: string | null | undefined, key = 'out_of_hours') =>
			pickTemplate(templates, key, language)?.language ?? null;

		it("should take the customer's language, ignoring case and underscores", () => {
			assert.equal(languageOf('es'), 'es');
			assert.equal(languageOf(' ES '), 'es');
			assert.equal(languageOf('pt_BR'), 'pt-br');
		});

		it('should fall back to the primary language, then to English', () => {
			assert.equal(languageOf('es-MX'), 'es');
			assert.equal(languageOf('fr'), 'en');
			assert.equal(languageOf(''), 'en');
			assert.equal(languageOf(undefined), 'en');
		});

		it('should give null when the key has no template in the language or in English', () => {
			assert.equal(languageOf('de', 'handoff'), null);
			assert.equal(languageOf('en', 'greeting'), null);
			assert.equal(pickTemplate([], 'out_of_hours', 'en'), null);
		});
	});

	describe('renderTemplate', () => {
		it('should fill every placeholder, spaces inside the braces allowed', () => {
			assert.equal(
				renderTemplate(template(), { contact_name: 'Ana', opens_at: 'Monday at 09:00' }),
				'Thanks, Ana. We open again Monday at 09:00.',
			);
		});

		it('should insert values as written, "$&" and braces included', () => {
			assert.equal(
				renderTemplate(template({ body: 'Hi {{contact_name}}' }), { contact_name: '$& {{x}}' }),
				'Hi $& {{x}}',
			);
		});

		it('should leave a body without placeholders as it is, and allow unused variables', () => {
			const plain = template({ body: 'We are closed; {single} braces stay.' });
			assert.equal(renderTemplate(plain, { opens_at: null }), plain.body);
		});

		it('should refuse a placeholder that is not a variable of the message, naming it', () => {
			const typo = template({ body: 'Hi {{contact_nmae}}, back {{opens_at}} ({{team}}).' });
			assert.throws(
				() => renderTemplate(typo, { contact_name: 'Ana', opens_at: 'Monday at 09:00' }),
				(error: unknown) => {
					assert.ok(error instanceof ContentTemplateError);
					assert.deepEqual(error.unknown, ['contact_nmae', 'team']);
					assert.equal(error.key, 'out_of_hours');
					assert.equal(
						error.message,
						'content: message template "out_of_hours" (en) uses {{contact_nmae}}, {{team}}, ' +
							'which this message does not provide (it has {{contact_name}}, {{opens_at}}); ' +
							'fix it in Directus → Message templates',
					);
					return true;
				},
			);
		});

		it('should refuse an empty placeholder as unknown', () => {
			assert.throws(
				() => renderTemplate(template({ body: 'Hi {{ }}' }), {}),
				/uses \{\{\}\}, which this message does not provide \(it has no variables\)/,
			);
		});

		it('should refuse a variable that has no value here', () => {
			assert.throws(
				() => renderTemplate(template(), { contact_name: 'Ana', opens_at: null }),
				(error: unknown) => {
					assert.ok(error instanceof ContentTemplateError);
					assert.deepEqual(error.missing, ['opens_at']);
					assert.match(
						error.message,
						/uses \{\{opens_at\}\}, which has no value for this conversation/,
					);
					return true;
				},
			);
		});
	});
});
