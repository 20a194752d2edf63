import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { triageOutputSchema, triageOutputSchemaFor } from './output-schema.ts';

const valid = {
	intent: 'outage_report',
	department: 'support',
	urgency: 'critical',
	sentiment: 'negative',
	language: 'es',
	confidence: 0.92,
	needs_human: true,
	handoff_reason: 'Service is down.',
	reply: '',
	summary: 'No service since 9:00.',
	used_content_ids: [],
	stage: 'customer',
};

describe('output-schema', () => {
	describe('triageOutputSchema', () => {
		it('should accept a complete triage', () => {
			assert.deepEqual(triageOutputSchema.parse(valid), valid);
		});

		it('should read a missing stage as no proposal, and refuse a stage that does not exist', () => {
			const older: Partial<typeof valid> = { ...valid };
			delete older.stage;
			assert.equal(triageOutputSchema.parse(older).stage, null);
			assert.equal(triageOutputSchema.parse({ ...valid, stage: null }).stage, null);
			assert.equal(triageOutputSchema.safeParse({ ...valid, stage: 'won' }).success, false);
		});

		it('should refuse labels that are not snake_case, unknown urgencies and confidence above 1', () => {
			for (const bad of [
				{ intent: 'Outage Report' },
				{ urgency: 'urgent' },
				{ sentiment: 'angry' },
				{ confidence: 1.01 },
				{ language: 'es-ES' },
				{ handoff_reason: undefined },
			]) {
				assert.equal(triageOutputSchema.safeParse({ ...valid, ...bad }).success, false);
			}
		});
	});

	describe('triageOutputSchemaFor', () => {
		it('should accept only the department keys offered', () => {
			const schema = triageOutputSchemaFor(['sales', 'support', 'sales']);
			assert.equal(schema.safeParse(valid).success, true);
			assert.equal(schema.safeParse({ ...valid, department: 'billing' }).success, false);
		});

		it('should refuse an empty list of keys', () => {
			assert.throws(() => triageOutputSchemaFor([]), RangeError);
		});
	});
});
