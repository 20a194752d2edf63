import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { templateSchema, type TemplateInput } from './model.ts';
import { recordProblems, templateProblems } from './validate.ts';

const template = (overrides: Partial<TemplateInput> = {}) =>
	templateSchema.parse({
		key: 'promo',
		language: 'en',
		body: 'Hi {{contact.first_name}}',
		...overrides,
	});

const APPROVED = {
	name: 'promo_live',
	language: 'en_US',
	status: 'APPROVED',
	category: 'MARKETING',
	components: [
		{ type: 'BODY', text: 'Hi {{1}}, {{2}} is live.' },
		{ type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Open', url: 'https://x.example/{{1}}' }] },
	],
};

const whatsapp = (parameters: unknown[]) =>
	template({
		channel: 'whatsapp_template',
		body: 'Hi {{contact.first_name}}, {{promotion.title}} is live.',
		whatsapp: {
			name: 'promo_live',
			languageCode: 'en_US',
			category: 'MARKETING',
			parameters: parameters as never,
		},
	});

const GOOD_PARAMETERS = [
	{ component: 'body', position: 1, variable: 'contact.first_name' },
	{ component: 'body', position: 2, variable: 'promotion.title' },
	{ component: 'button', index: 0, subType: 'url', variable: 'promotion.link' },
];

describe('templates: validate', () => {
	describe('templateProblems', () => {
		it('should find nothing wrong with a good template, legacy names included', () => {
			assert.deepEqual(templateProblems(template()), []);
			assert.deepEqual(
				templateProblems(template({ body: 'Back {{opens_at}}, {{contact_name}}' })),
				[],
			);
		});

		it('should name an unknown variable and suggest the one meant', () => {
			assert.deepEqual(templateProblems(template({ body: 'Hi {{contact.frist_name}}' })), [
				'{{contact.frist_name}} in the text is not a variable we know. Did you mean {{contact.first_name}}?',
			]);
			const [far] = templateProblems(template({ body: 'Hi {{weather.today}}' }));
			assert.match(
				far!,
				/^\{\{weather\.today\}\} in the text is not a variable we know\. You can use: \{\{contact\.name\}\}/,
			);
		});

		it('should accept the appointment the message is about', () => {
			assert.deepEqual(
				templateProblems(
					template({ body: 'See you {{appointment.starts_at}}, {{contact.first_name}}' }),
				),
				[],
			);
		});

		it('should point at unbalanced braces', () => {
			assert.deepEqual(templateProblems(template({ body: 'Hi {{contact.first_name, welcome' })), [
				'In the text: A "{{" is never closed with "}}", near "Hi {{contact.first_name…". Write variables as {{contact.first_name}}.',
			]);
			assert.deepEqual(templateProblems(template({ body: 'Hi contact.first_name}}' })), [
				'In the text: There is a "}}" with no "{{" before it, near "…tact.first_name}}".',
			]);
			assert.match(templateProblems(template({ body: 'Hi {{ }}' }))[0]!, /empty "\{\{ \}\}"/);
		});

		it("should refuse a text over the channel's length limit, counting emoji as one", () => {
			assert.deepEqual(
				templateProblems(template({ channel: 'instagram', body: '🎉'.repeat(1000) })),
				[],
			);
			assert.deepEqual(
				templateProblems(template({ channel: 'instagram', body: 'x'.repeat(1001) })),
				[
					'An Instagram message can be at most 1000 characters; this text is 1001 characters with sample values filled in. Shorten it.',
				],
			);
			const [messenger] = templateProblems(
				template({ channel: 'messenger', body: `${'x'.repeat(1995)} {{business.hours}}` }),
			);
			assert.match(
				messenger!,
				/^A Messenger message can be at most 2000 characters; this text is \d+ characters/,
			);
			assert.deepEqual(templateProblems(template({ body: 'x'.repeat(4096) })), []);
		});

		it('should want a subject on an e-mail, and check the fallbacks name real variables', () => {
			assert.deepEqual(templateProblems(template({ channel: 'email' })), [
				'An e-mail template needs a subject.',
			]);
			assert.deepEqual(templateProblems(template({ fallbacks: { 'contact.nmae': 'friend' } })), [
				'{{contact.nmae}} in the fallback texts is not a variable we know. Did you mean {{contact.name}}?',
			]);
		});

		it('should want the approved template and a parameter for each variable of a WhatsApp template', () => {
			assert.match(
				templateProblems(template({ channel: 'whatsapp_template' }))[0]!,
				/needs the approved template it sends/,
			);
			assert.deepEqual(templateProblems(whatsapp(GOOD_PARAMETERS.slice(1))), [
				'{{contact.first_name}} is in the text but no WhatsApp parameter is filled with it: add it to the parameters, or the customer will not see it.',
			]);
		});

		it('should check the mapping against the approved template (meta whatsappMappingProblems)', () => {
			assert.deepEqual(templateProblems(whatsapp(GOOD_PARAMETERS), { approved: APPROVED }), []);
			const problems = templateProblems(
				whatsapp([
					...GOOD_PARAMETERS.slice(0, 2),
					{ component: 'body', position: 3, variable: 'promotion.link' },
				]),
				{ approved: APPROVED },
			);
			assert.ok(
				problems.some((p) => /has 2 body parameters but the mapping fills 3/.test(p)),
				problems.join('\n'),
			);
			assert.deepEqual(templateProblems(whatsapp(GOOD_PARAMETERS), { approved: null }), [
				'There is no approved WhatsApp template "promo_live" (en_US): pick one of the approved WhatsApp templates.',
			]);
		});
	});

	describe('recordProblems', () => {
		it('should read a Directus record with lists of fallbacks and parameters', () => {
			assert.deepEqual(
				recordProblems(
					{
						key: 'promo',
						language: 'en',
						channel: 'whatsapp_template',
						status: 'draft',
						subject: null,
						body: 'Hi {{contact.first_name}}, {{promotion.title}} is live.',
						fallbacks: [{ variable: 'contact.first_name', text: 'there' }],
						whatsapp_template_name: 'promo_live',
						whatsapp_language_code: 'en_US',
						whatsapp_category: 'MARKETING',
						whatsapp_parameters: [
							{ component: 'body', position: '1', variable: 'contact.first_name' },
							{ component: 'body', position: 2, variable: 'promotion.title' },
							{ component: 'button', index: 0, sub_type: 'url', variable: 'promotion.link' },
						],
					},
					{ approved: APPROVED },
				),
				[],
			);
		});

		it('should name the Directus field of a shape problem', () => {
			assert.deepEqual(recordProblems({ key: 'Out Of Hours', language: 'en', body: ' ' }), [
				'"key": a lower-case key such as "out_of_hours".',
				'"body": Too small: expected string to have >=1 characters.',
			]);
			const [row] = recordProblems({
				key: 'promo',
				language: 'en',
				channel: 'whatsapp_template',
				body: 'Hi',
				whatsapp_template_name: 'promo_live',
				whatsapp_language_code: 'en_US',
				whatsapp_category: 'MARKETING',
				whatsapp_parameters: [{ component: 'footer', variable: 'contact.name' }],
			});
			assert.match(row!, /^"whatsapp_parameters" \(row 1\)/);
		});
	});
});
