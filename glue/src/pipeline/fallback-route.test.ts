// Claude down, end to end inside the library: the keyword rules' department is where the
// hand-off goes, and the agents' note and the customer's out-of-hours notice say the same.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MessageTemplate } from '../content/schemas.ts';
import { templateSchema } from '../templates/model.ts';
import { decideRoute } from '../routing/decide-route.ts';
import { BILLING, business, department, SUPPORT } from '../routing/test-fixtures.ts';
import { DEFAULT_URGENCY_KEYWORDS } from '../triage/config.ts';
import { fallbackTriage } from '../triage/fallback.ts';
import { planActions } from './action-plan.ts';

// Sales keeps the business's hours (Mon–Fri 09–18, Sat 10–14, Madrid); Billing is open weekdays
// only; Support round the clock.
const SALES = department({ fallbackKeywords: ['plan', 'upgrade'] });
const BILLING_WEEKDAYS = {
	...BILLING,
	fallbackKeywords: ['invoice', 'refund'],
	openingHours: { mon: [{ open: '09:00', close: '18:00' }] },
};
const SUPPORT_24_7 = { ...SUPPORT, fallbackKeywords: ['router', 'no internet'] };
const DEPARTMENTS = [SALES, SUPPORT_24_7, BILLING_WEEKDAYS];
const NAMES = Object.fromEntries(DEPARTMENTS.map((d) => [d.key, d.name]));
const SATURDAY_NOON = new Date('2026-06-06T10:00:00Z'); // Sales open, Billing closed
const OUT_OF_HOURS: MessageTemplate = templateSchema.parse({
	key: 'out_of_hours',
	language: 'en',
	body: 'Our {{department_name}} team is back {{opens_at}}.',
});

/** What workflow 01 does with a message on the Sales number while Claude is down. */
function whileClaudeIsDown(text: string, at = SATURDAY_NOON) {
	const output = fallbackTriage({
		text,
		departments: DEPARTMENTS,
		urgencyKeywords: DEFAULT_URGENCY_KEYWORDS,
		handoffReason: 'Automatic triage unavailable: Claude is overloaded (HTTP 529) after retries.',
	});
	const triage = { ...output, source: 'fallback' as const, fallbackReason: 'overloaded' };
	const route = decideRoute({
		department: SALES,
		departments: DEPARTMENTS,
		business: business(),
		triage,
		at,
	});
	const plan = planActions(route, triage, NAMES, { outOfHours: OUT_OF_HOURS, contactName: null });
	return { output, route, plan };
}

describe('fallback-route', () => {
	it("should hand a billing question on the Sales number to Billing, telling the customer Billing's hours", () => {
		const { output, route, plan } = whileClaudeIsDown('Why is my invoice so high this month?');
		assert.equal(output.department, 'billing');
		assert.equal(route.action, 'transfer');
		assert.equal(plan.handoff?.teamId, BILLING.chatwootTeamId);
		assert.ok(plan.handoff?.labels.includes('dept-billing'), String(plan.handoff?.labels));
		assert.match(plan.handoff?.note ?? '', /^Transferred by Switchboard from Sales to Billing/);
		assert.match(plan.handoff?.note ?? '', /routed to Billing by keywords "invoice"/);
		assert.equal(plan.customerMessage, 'Our Billing team is back Monday at 09:00.');
	});

	it('should send an outage on the Sales number to the open Support team, at high priority', () => {
		const { route, plan } = whileClaudeIsDown(
			'internet down since morning, red light blinking on the router',
		);
		assert.equal(route.action, 'transfer');
		assert.equal(plan.handoff?.teamId, SUPPORT.chatwootTeamId);
		assert.equal(plan.handoff?.priority, 'high');
		// Support is open: nobody is told a team is closed.
		assert.equal(plan.customerMessage, null);
	});

	it('should keep a message no keyword matches in Sales', () => {
		const { route, plan } = whileClaudeIsDown('Hello?');
		assert.equal(route.action, 'handoff');
		assert.equal(plan.handoff?.teamId, SALES.chatwootTeamId);
	});
});
