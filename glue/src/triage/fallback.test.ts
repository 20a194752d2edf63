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

		it('should rate an outage described in ordinary words as high urgency', () => {
			const outages = [
				'internet down since morning, red light blinking on the router',
				'Hi, no connection at home since 8',
				'my wifi is not working',
				'There is no internet in the flat',
				'Estoy sin internet desde ayer',
				'El router no funciona',
				'Todo caído desde las 9',
			];
			for (const text of outages) assert.equal(rules(text).urgency, 'high', text);
			assert.equal(rules('Estamos sin servicio desde ayer').urgency, 'critical');
		});

		it("should use the routed department's own urgency words, a level at a time", () => {
			const billing = {
				key: 'billing',
				name: 'Billing',
				fallbackKeywords: ['invoice'],
				urgencyKeywords: { high: ['cut off'] },
			};
			const departments = [sales, billing];
			assert.equal(rules('My invoice: they cut off my line', { departments }).urgency, 'high');
			// Billing's own `high` replaces the defaults' high words; its critical ones still apply.
			assert.equal(rules('Invoice wrong, urgent!', { departments }).urgency, 'medium');
			assert.equal(rules('Invoice during the outage', { departments }).urgency, 'critical');
			// The words of a department the message is not routed to do not count.
			assert.equal(rules('Plan question: they cut off my line', { departments }).urgency, 'medium');
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
