import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { business, department, SUPPORT } from '../routing/test-fixtures.ts';
import { templateSchema, type Template, type TemplateInput } from './model.ts';
import { createVariableRegistry } from './registry.ts';
import { previewMessage, renderMessage } from './render.ts';
import { TemplateInvalidError } from './template-invalid-error.ts';
import { TemplateVariableMissingError } from './template-variable-missing-error.ts';
import { defineProvider, type TemplateContext } from './variables.ts';

const template = (overrides: Partial<TemplateInput> = {}): Template =>
	templateSchema.parse({ key: 'greeting', language: 'en', body: 'Hi', ...overrides });

// Saturday 2026-06-06 20:00 in Madrid: Sales (the business's hours) is closed until Monday 09:00.
const SATURDAY_EVENING = new Date('2026-06-06T18:00:00Z');

const context = (overrides: Partial<TemplateContext> = {}): TemplateContext => ({
	locale: 'en',
	timeZone: 'Europe/Madrid',
	now: SATURDAY_EVENING,
	contact: { name: 'Ana María López', phone: '+34600111222', language: 'es' },
	business: business({ name: 'Northwind Fibre', address: 'Calle Mayor 1, Madrid' }),
	department: department(),
	...overrides,
});

const text = (
	body: string,
	ctx: Partial<TemplateContext> = {},
	extra: Partial<TemplateInput> = {},
) => renderMessage(template({ body, ...extra }), context(ctx)).text;

describe('templates: render', () => {
	describe('contact', () => {
		it('should give the full name, the first name, the phone and the language', () => {
			assert.equal(
				text('{{contact.name}}|{{contact.first_name}}|{{contact.phone}}|{{contact.language}}'),
				'Ana María López|Ana|+34600111222|es',
			);
		});

		it('should take a one-word name as the first name', () => {
			assert.equal(text('Hi {{contact.first_name}}', { contact: { name: '  Cher ' } }), 'Hi Cher');
		});

		it('should have no first name for an empty name or a bare phone number, so the fallback is used', () => {
			const body = { fallbacks: { 'contact.first_name': 'there' } };
			assert.equal(text('Hi {{contact.first_name}}', { contact: { name: '' } }, body), 'Hi there');
			assert.equal(
				text('Hi {{contact.first_name}}', { contact: { name: '+34 600 111 222' } }, body),
				'Hi there',
			);
			assert.equal(text('Hi {{contact.first_name}}', { contact: null }, body), 'Hi there');
		});
	});

	describe('business', () => {
		it("should give its name, address and hours in the customer's language", () => {
			assert.equal(
				text('{{business.name}}, {{business.address}}'),
				'Northwind Fibre, Calle Mayor 1, Madrid',
			);
			assert.equal(
				text('{{business.hours}}'),
				'Monday–Friday 09:00 AM–06:00 PM and Saturday 10:00 AM–02:00 PM',
			);
			assert.equal(
				text('{{business.hours}}', { locale: 'es' }),
				'lunes–viernes 09:00–18:00 y sábado 10:00–14:00',
			);
		});
	});

	describe('department', () => {
		it("should give its name, its hours (else the business's) and its next opening", () => {
			assert.equal(text('{{department.name}}'), 'Sales');
			assert.equal(text('{{department.next_opening}}'), 'Monday at 09:00');
			assert.equal(text('{{department.next_opening}}', { locale: 'es-MX' }), 'lunes a las 09:00');
			assert.equal(
				text('{{department.next_opening_day}}, {{department.next_opening_time}}', { locale: 'fr' }),
				'lundi, 09:00',
			);
			assert.equal(
				text('{{department.next_opening_day}} {{department.next_opening_time}}'),
				'Monday 9:00 AM',
			);
			assert.equal(
				text('{{department.next_opening_date}}', { locale: 'es' }),
				'8 de junio de 2026 a las 9:00',
			);
			assert.match(text('{{department.hours}}', { locale: 'es' }), /^lunes–viernes 09:00–18:00/);
		});

		it('should have no next opening for a department open round the clock', () => {
			assert.throws(
				() => text('Back {{department.next_opening}}', { department: SUPPORT }),
				(error: unknown) =>
					error instanceof TemplateVariableMissingError &&
					error.variables.join() === 'department.next_opening',
			);
		});
	});

	describe('promotion', () => {
		const promotion = {
			title: 'Fibre 1000',
			startsAt: '2026-12-01T00:00:00',
			endsAt: '2026-12-31T23:59:00',
			link: 'https://northwind.example/o?a=1&b=<2>',
			price: { amount: '1234.5', currency: 'EUR' },
		};

		it("should write the price and the dates in the customer's locale", () => {
			const body = '{{promotion.title}}: {{promotion.price}} until {{promotion.ends_at}}';
			assert.equal(text(body, { promotion }), 'Fibre 1000: €1,234.50 until December 31, 2026');
			assert.equal(
				text(body, { promotion, locale: 'es-ES' }),
				'Fibre 1000: 1234,50\u00a0€ until 31 de diciembre de 2026',
			);
			assert.equal(
				text(body, { promotion, locale: 'de' }),
				'Fibre 1000: 1.234,50\u00a0€ until 31. Dezember 2026',
			);
		});

		it('should show an instant on the clock of the time zone given', () => {
			// 01:00 in Madrid on December 1 is still November 30 in New York.
			const startsAt = '2026-12-01T01:00:00+01:00';
			assert.equal(
				text('{{promotion.starts_at}}', {
					promotion: { ...promotion, startsAt },
					timeZone: 'America/New_York',
				}),
				'November 30, 2026',
			);
			assert.equal(text('{{promotion.starts_at}}', { promotion }), 'December 1, 2026');
		});

		it('should keep the link exactly as written', () => {
			assert.equal(text('{{promotion.link}}', { promotion }), promotion.link);
		});
	});

	describe('stage', () => {
		it('should give the stage from the context, its key when it has no name', () => {
			assert.equal(
				text('{{stage.name}}', { stage: { key: 'qualified', name: 'Qualified' } }),
				'Qualified',
			);
			assert.equal(
				text('{{stage.name}}/{{stage.key}}', { stage: { key: 'booked' } }),
				'booked/booked',
			);
		});
	});

	describe('literal data', () => {
		it('should never read braces or markup in a value as a template', () => {
			const contact = { name: '{{business.name}} <b>Bob</b> $& $1 {{' };
			assert.equal(
				text('Hi {{contact.name}}!', { contact }),
				'Hi {{business.name}} <b>Bob</b> $& $1 {{!',
			);
		});

		it('should keep right-to-left text and emoji as they are', () => {
			assert.equal(
				text('مرحبا {{contact.first_name}} 👋', { contact: { name: 'محمد علي' } }),
				'مرحبا محمد 👋',
			);
			assert.equal(
				text('Hi {{contact.first_name}} 🎉', { contact: { name: '👩🏽‍💻Zoë Ünal' } }),
				'Hi 👩🏽‍💻Zoë 🎉',
			);
		});

		it('should keep single braces and spaces inside double braces', () => {
			assert.equal(text('{a} {{ contact.first_name }} }'), '{a} Ana }');
		});
	});

	describe('fallbacks and missing values', () => {
		it('should use the fallback text when the variable has no value, and say so', () => {
			const rendered = renderMessage(
				template({
					body: 'Hi {{contact.first_name}}',
					fallbacks: { 'contact.first_name': 'there' },
				}),
				context({ contact: { name: null } }),
			);
			assert.equal(rendered.text, 'Hi there');
			assert.deepEqual(rendered.usedFallbacks, ['contact.first_name']);
		});

		it('should refuse to render, naming each variable, rather than send "Hi ,"', () => {
			assert.throws(
				() =>
					text('Hi {{contact.first_name}}, {{business.address}}', {
						contact: { name: ' ' },
						business: business({ address: null }),
					}),
				(error: unknown) => {
					assert.ok(error instanceof TemplateVariableMissingError);
					assert.deepEqual(error.variables, ['contact.first_name', 'business.address']);
					assert.match(error.message, /\{\{contact\.first_name\}\}, \{\{business\.address\}\}/);
					assert.equal(error.code, 'TEMPLATE_VARIABLE_MISSING');
					return true;
				},
			);
		});

		it('should take values the caller gives over the providers', () => {
			const rendered = renderMessage(
				template({ body: 'Back {{opens_at}} ({{department_name}})' }),
				context(),
				{ values: { 'department.next_opening': 'tomorrow at nine' } },
			);
			assert.equal(rendered.text, 'Back tomorrow at nine (Sales)', 'legacy names still work');
		});

		it('should refuse an unknown variable or unbalanced braces with a typed error', () => {
			for (const body of ['Hi {{contact.nmae}}', 'Hi {{contact.first_name', 'Hi }} there']) {
				assert.throws(() => text(body), TemplateInvalidError, body);
			}
		});
	});

	describe('channels', () => {
		it('should fill an e-mail subject too', () => {
			const rendered = renderMessage(
				template({ channel: 'email', subject: 'Welcome, {{contact.first_name}}', body: 'Hello' }),
				context(),
			);
			assert.equal(rendered.subject, 'Welcome, Ana');
		});

		it('should build the WhatsApp template components from the mapping', () => {
			const rendered = renderMessage(
				template({
					channel: 'whatsapp_template',
					body: 'Hi {{contact.first_name}}, {{promotion.title}} is live.',
					whatsapp: {
						name: 'promo_live',
						languageCode: 'en_US',
						category: 'MARKETING',
						parameters: [
							{ component: 'body', position: 2, variable: 'promotion.title' },
							{ component: 'body', position: 1, variable: 'contact.first_name' },
							{ component: 'header', variable: 'business.name' },
							{ component: 'button', index: 0, subType: 'url', variable: 'contact.phone' },
						],
					},
				}),
				context({
					promotion: {
						title: 'Fibre {{1}}',
						startsAt: '2026-01-01',
						endsAt: '2026-02-01',
						link: null,
					},
				}),
			);
			assert.deepEqual(rendered.whatsapp, {
				name: 'promo_live',
				languageCode: 'en_US',
				components: [
					{ type: 'header', parameters: [{ type: 'text', text: 'Northwind Fibre' }] },
					{
						type: 'body',
						parameters: [
							{ type: 'text', text: 'Ana' },
							{ type: 'text', text: 'Fibre {{1}}' },
						],
					},
					{
						type: 'button',
						sub_type: 'url',
						index: '0',
						parameters: [{ type: 'text', text: '+34600111222' }],
					},
				],
			});
		});
	});

	describe('previewMessage', () => {
		it('should fill what the context lacks with samples, in the chosen language', () => {
			const preview = previewMessage(
				template({
					body: '{{contact.first_name}}: {{promotion.price}}, {{department.next_opening}}',
				}),
				{ locale: 'es', timeZone: 'Europe/Madrid' },
			);
			assert.equal(preview.text, 'Ana: 29,99\u00a0US$, lunes a las 15:00');
		});
	});

	describe('registry', () => {
		it('should take a provider of its own and refuse two with one namespace', () => {
			const weather = defineProvider({
				namespace: 'weather',
				description: 'Today',
				variables: [{ name: 'degrees', type: 'number', description: 'Degrees', sample: 21.5 }],
				resolve: () => ({ degrees: 1234.5 }),
			});
			const registry = createVariableRegistry([weather]);
			const rendered = renderMessage(
				template({ body: '{{weather.degrees}}°' }),
				context({ locale: 'es' }),
				{
					registry,
				},
			);
			assert.equal(rendered.text, '1234,5°');
			assert.throws(() => createVariableRegistry([weather, weather]), /namespace "weather"/);
		});
	});
});
