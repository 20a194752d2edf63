import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod/v4';
import { gatherFacts } from './facts.ts';
import { generateFromSchema } from './generate.ts';

const ajv = new Ajv2020({ strict: false });
addFormats.default(ajv);

const facts = (userText: string, systemText = '') =>
	gatherFacts({ userText, systemText }, new Date('2026-11-20T10:00:00.000Z'));

// The schemas exactly as the SDK sends them: zod → JSON schema → the SDK's transform.
const wire = (schema: z.ZodType) => zodOutputFormat(schema).schema as Record<string, unknown>;

function assertValid(schema: Record<string, unknown>, value: unknown) {
	const ok = ajv.validate(schema, value);
	assert.ok(ok, `${JSON.stringify(value)} breaks the schema: ${ajv.errorsText()}`);
}

describe('generateFromSchema', () => {
	it('should satisfy bounds the SDK moved into descriptions, which zod then checks', () => {
		const schema = z.object({
			confidence: z.number().min(0).max(1),
			score: z.int().min(0).max(100),
			count: z.int().min(3).max(7),
			ratio: z.number().gt(2).lt(3),
			code: z.string().min(5).max(8),
			tags: z.array(z.string()).min(3).max(4),
			at: z.iso.datetime(),
			email: z.email(),
			id: z.uuid(),
		});
		const value = generateFromSchema(wire(schema), facts('Please help, my router is broken.'));
		assert.equal(
			schema.safeParse(value).success,
			true,
			JSON.stringify(schema.safeParse(value).error?.issues),
		);
		assertValid(wire(schema), value);
	});

	it('should follow $ref into $defs and stop a recursive schema', () => {
		const Node: z.ZodType<{ name: string; children: unknown[] }> = z.object({
			name: z.string(),
			get children() {
				return z.array(Node);
			},
		});
		const schema = z.object({ root: Node, other: Node });
		const sent = wire(schema);
		assert.ok(JSON.stringify(sent).includes('$ref'), 'the schema should use $ref');
		const value = generateFromSchema(sent, facts('hello'));
		assertValid(sent, value);
		assert.equal(schema.safeParse(value).success, true);
	});

	it('should fill nullable, optional, literal, union and nested array fields validly', () => {
		const schema = z.object({
			note: z.string().nullable(),
			extra: z.string().optional(),
			kind: z.literal('triage'),
			target: z.union([z.object({ team: z.string() }), z.object({ agent: z.int() })]),
			steps: z.array(z.object({ label: z.enum(['a', 'b']), done: z.boolean() })),
			matrix: z.array(z.array(z.number())),
		});
		const value = generateFromSchema(wire(schema), facts('anything'));
		assertValid(wire(schema), value);
		assert.equal(schema.safeParse(value).success, true);
	});

	it('should read a lifecycle stage from the words of a sales conversation', () => {
		const schema = wire(
			z.object({
				stage: z.enum(['new', 'engaged', 'qualified', 'booked', 'customer', 'lost']).nullable(),
			}),
		);
		const stageOf = (text: string) => generateFromSchema(schema, facts(text));
		assert.deepEqual(stageOf("Hi, I'm interested in your plans, how much do they cost?"), {
			stage: 'engaged',
		});
		assert.deepEqual(stageOf('I want to sign up, please install it at my address'), {
			stage: 'qualified',
		});
		assert.deepEqual(stageOf('No thanks, I went with another provider'), { stage: 'lost' });
		// Nothing in it points at a stage: a nullable choice stays null, as the field guide asks.
		assert.deepEqual(stageOf('Hello'), { stage: null });
	});

	it('should leave a nullable choice null unless the message names one, and read positions', () => {
		const schema = wire(
			z.object({
				action: z.enum(['pick', 'cancel', 'reschedule', 'unclear']),
				option: z.number().int().min(1).max(3).nullable(),
				weekday: z.enum(['monday', 'thursday']).nullable(),
			}),
		);
		const answer = (text: string) => generateFromSchema(schema, facts(text));
		const move = answer('Can we move it to Thursday?') as { action: string; weekday: string };
		assert.deepEqual([move.action, move.weekday], ['reschedule', 'thursday']);
		assert.equal((answer('Cancel it') as { weekday: null }).weekday, null);
		assert.equal((answer("I can't make it") as { action: string }).action, 'cancel');
		assert.equal((answer('the first one please') as { option: number }).option, 1);
		assert.equal((answer('la tercera') as { option: number }).option, 3);
		assert.equal((answer('the last one') as { option: number }).option, 3);
	});

	it('should name the intent after the topic its words point at, not a filler word', () => {
		const schema = wire(z.object({ intent: z.string() }));
		const intentOf = (text: string) =>
			(generateFromSchema(schema, facts(text)) as { intent: string }).intent;
		assert.equal(intentOf("I'd like to book an installation visit"), 'book_appointment');
		assert.equal(
			intentOf("Sorry, I can't make it, please cancel my appointment"),
			'change_appointment',
		);
		assert.equal(intentOf('I would like to know about Saturday'), 'saturday');
	});

	it('should choose enum values by the words and cues of the message, and neutral ones otherwise', () => {
		const schema = wire(
			z.object({
				urgency: z.enum(['low', 'medium', 'high']),
				sentiment: z.enum(['negative', 'neutral', 'positive']),
				department: z.enum(['sales', 'billing', 'tech', 'other']),
			}),
		);
		assert.deepEqual(
			generateFromSchema(schema, facts('URGENT: the internet is down and this is unacceptable')),
			{
				urgency: 'high',
				sentiment: 'negative',
				department: 'tech',
			},
		);
		assert.deepEqual(
			generateFromSchema(schema, facts('Thanks, what does the premium plan cost?')),
			{
				urgency: 'medium',
				sentiment: 'positive',
				department: 'sales',
			},
		);
		assert.deepEqual(generateFromSchema(schema, facts('')), {
			urgency: 'medium',
			sentiment: 'neutral',
			department: 'other',
		});
	});

	it('should take the reply and the cited ids from the best-matching content lines', () => {
		const system = [
			'FAQ entries:',
			'- id: faq-7',
			'  answer: Our shop opens at 9:00 and closes at 18:00 on weekdays.',
			'',
			'- id: promo-2',
			'  answer: Spring promotion: 20% off every router until April.',
		].join('\n');
		const schema = wire(
			z.object({ reply: z.string(), used_ids: z.array(z.string()), language: z.string() }),
		);
		assert.deepEqual(
			generateFromSchema(schema, facts('Bonjour, is there a promotion on the router?', system)),
			{
				reply: 'Spring promotion: 20% off every router until April.',
				used_ids: ['promo-2'],
				language: 'en',
			},
		);
	});

	it('should detect the language from common words', () => {
		const schema = wire(z.object({ language: z.string() }));
		const languageOf = (text: string) =>
			(generateFromSchema(schema, facts(text)) as { language: string }).language;
		assert.equal(languageOf('Hola, mi pedido no llegó todavía'), 'es');
		assert.equal(languageOf('Olá, meu pedido não chegou'), 'pt');
		assert.equal(languageOf('Bonjour, ma commande est en retard, merci'), 'fr');
		assert.equal(languageOf('Where is my order?'), 'en');
	});

	it('should use the clock for date fields', () => {
		const schema = wire(z.object({ day: z.iso.date(), at: z.iso.datetime() }));
		assert.deepEqual(generateFromSchema(schema, facts('x')), {
			day: '2026-11-20',
			at: '2026-11-20T10:00:00Z',
		});
	});
});
