import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkTriageOutput, triageOutputFormat } from './output-format.ts';
import { triageOutputSchemaFor, type TriageOutput } from './output-schema.ts';

const schema = triageOutputSchemaFor(['sales', 'billing']);

function answer(overrides: Record<string, unknown> = {}): string {
	const output: TriageOutput = {
		intent: 'plan_price',
		department: 'sales',
		urgency: 'low',
		sentiment: 'neutral',
		language: 'en',
		confidence: 0.8,
		needs_human: false,
		handoff_reason: null,
		reply: 'It costs 29.99 EUR.',
		summary: 'Asks for the price.',
		used_content_ids: ['plan:3'],
		stage: null,
	};
	return JSON.stringify({ ...output, ...overrides });
}

describe('output-format', () => {
	describe('checkTriageOutput', () => {
		it('should accept a conforming answer', () => {
			const check = checkTriageOutput(answer(), schema);
			assert.equal(check.ok, true);
		});

		it('should smooth harmless spelling: label case, language region, brackets, wrapped summary', () => {
			const check = checkTriageOutput(
				answer({
					intent: 'Plan Price ',
					department: ' Sales',
					language: 'es-MX',
					summary: 'Asks\nfor  the price.',
					reply: '  Hola  ',
					used_content_ids: ['[plan:3]', 'plan:3', ' faq:1 '],
				}),
				schema,
			);
			assert.deepEqual(check.ok && check.output, {
				intent: 'plan_price',
				department: 'sales',
				urgency: 'low',
				sentiment: 'neutral',
				language: 'es',
				confidence: 0.8,
				needs_human: false,
				handoff_reason: null,
				reply: 'Hola',
				summary: 'Asks for the price.',
				used_content_ids: ['plan:3', 'faq:1'],
				stage: null,
			});
		});

		it('should report text that is not JSON without quoting it', () => {
			const check = checkTriageOutput('I cannot help with that, Maria.', schema);
			assert.deepEqual(check, { ok: false, problem: 'the answer is not JSON (31 characters)' });
		});

		it('should report a department that was not offered', () => {
			const check = checkTriageOutput(answer({ department: 'marketing' }), schema);
			assert.equal(check.ok, false);
			assert.match(check.ok ? '' : check.problem, /^the answer breaks the schema: department: /);
		});

		it('should report missing fields and out-of-range values', () => {
			const check = checkTriageOutput(answer({ confidence: 1.5, reply: undefined }), schema);
			assert.equal(check.ok, false);
			assert.match(check.ok ? '' : check.problem, /confidence: .*; reply: /);
		});

		it('should report an answer that is JSON but not an object', () => {
			assert.equal(checkTriageOutput('[1, 2]', schema).ok, false);
			assert.equal(checkTriageOutput('null', schema).ok, false);
		});
	});

	describe('triageOutputFormat', () => {
		it('should send the JSON schema with the department keys as an enum and no parse function', () => {
			const wire = JSON.parse(JSON.stringify(triageOutputFormat(['sales', 'billing'])));
			assert.equal(wire.type, 'json_schema');
			assert.deepEqual(wire.schema.properties.department.enum, ['sales', 'billing']);
			assert.deepEqual(wire.schema.properties.urgency.enum, ['low', 'medium', 'high', 'critical']);
			assert.equal(wire.schema.additionalProperties, false);
			assert.deepEqual(wire.schema.required, [
				'intent',
				'department',
				'urgency',
				'sentiment',
				'language',
				'confidence',
				'needs_human',
				'handoff_reason',
				'reply',
				'summary',
				'used_content_ids',
				'stage',
			]);
			assert.deepEqual(Object.keys(wire), ['type', 'schema']);
		});

		it('should parse through the same check', () => {
			const format = triageOutputFormat(['sales']);
			assert.equal(format.parse(answer()).ok, true);
			assert.equal(format.parse(answer({ department: 'billing' })).ok, false);
		});
	});
});
