import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_URGENCY_KEYWORDS } from './config.ts';
import { fallbackTriage, type FallbackRulesInput } from './fallback.ts';
import { triageOutputSchema } from './output-schema.ts';
import { OTHER_DEPARTMENTS } from './test-fixtures.ts';

const sales = { key: 'sales', name: 'Sales', fallbackKeywords: ['plan', 'upgrade', 'fibre'] };

function rules(text: string, overrides: Partial<FallbackRulesInput> = {}) {
	return fallbackTriage({
		text,
		departments: [sales, ...OTHER_DEPARTMENTS],
		urgencyKeywords: DEFAULT_URGENCY_KEYWORDS,
		handoffReason: 'Automatic triage unavailable: Claude did not answer in time.',
		...overrides,
	});
}

describe('fallback', () => {
	describe('fallbackTriage', () => {
		it('should never auto-reply: needs_human, empty reply, confidence 0, the reason given', () => {
			const output = rules('What does the fibre plan cost?');
			assert.equal(output.needs_human, true);
			assert.equal(output.reply, '');
			assert.equal(output.confidence, 0);
			assert.equal(
				output.handoff_reason,
				'Automatic triage unavailable: Claude did not answer in time.',
			);
			assert.deepEqual(output.used_content_ids, []);
			assert.equal(output.intent, 'unclassified');
			assert.equal(output.sentiment, 'neutral');
		});

		it('should produce an output that passes the triage schema', () => {
			assert.equal(triageOutputSchema.safeParse(rules('hola')).success, true);
		});

		it('should route to the department whose keywords match, accents and case folded', () => {
			const output = rules('Tengo un problema con la FACTURA de octubre');
			assert.equal(output.department, 'billing');
			assert.equal(output.summary, 'Keyword triage: routed to Billing by keywords "factura".');
		});

		it('should match multi-word keywords as a phrase', () => {
			assert.equal(rules('Since this morning I have no   internet at all').department, 'support');
		});

		it('should not match a keyword inside another word', () => {
			assert.equal(
				rules('I got a chargeback notice... no, a charger question').department,
				'sales',
			);
		});

		it('should keep the receiving department when nothing matches', () => {
			const output = rules('Hello?');
			assert.equal(output.department, 'sales');
			assert.equal(output.summary, 'Keyword triage: no department keyword matched, kept in Sales.');
		});

		it('should pick the department with the most keyword hits', () => {
			assert.equal(rules('The router wifi is off, also my plan').department, 'support');
		});

		it('should keep the receiving department on a tie', () => {
			assert.equal(rules('router and plan').department, 'sales');
		});

		it('should raise urgency to critical on an outage and to high on "urgent"', () => {
			assert.equal(rules('There is an OUTAGE in my street').urgency, 'critical');
			assert.equal(rules('Estamos sin servicio desde ayer').urgency, 'critical');
			assert.equal(rules('Urgent: call me back').urgency, 'high');
			assert.equal(rules('A question about plans').urgency, 'medium');
		});

		it('should name the urgent words in the summary', () => {
			assert.match(rules('urgent, outage!').summary, /urgent words "outage", "urgent"/);
		});

		it('should take the urgency words from configuration', () => {
			const output = rules('the house is on fire', {
				urgencyKeywords: { critical: ['fire'], high: [] },
			});
			assert.equal(output.urgency, 'critical');
		});

		it('should guess the language, or say "und"', () => {
			assert.equal(rules('Hola, mi factura de este mes es muy alta').language, 'es');
			assert.equal(rules('Hello, my invoice is too high this month').language, 'en');
			assert.equal(rules('ok').language, 'und');
		});

		it('should refuse to work without a receiving department', () => {
			assert.throws(() => rules('hi', { departments: [] }), RangeError);
		});
	});
});
