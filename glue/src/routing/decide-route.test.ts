import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Department } from '../content/schemas.ts';
import { decideRoute, priorityFor, type RouteInput } from './decide-route.ts';
import type { RouteDecision } from './route-decision.ts';
import {
	BILLING,
	business,
	DEPARTMENTS,
	department,
	SALES,
	SUPPORT,
	triage,
} from './test-fixtures.ts';
import type { TriageVerdict } from './triage-verdict.ts';

// Europe/Madrid, UTC+2 in June. Business hours Mon–Fri 09–18, Sat 10–14.
const OPEN = new Date('2026-06-01T08:00:00Z'); // Monday 10:00
const CLOSED = new Date('2026-06-06T13:00:00Z'); // Saturday 15:00
const BACK = { backAt: new Date('2026-06-08T07:00:00Z'), phrase: 'Monday at 09:00' };

function route(
	verdict: Partial<TriageVerdict>,
	overrides: Partial<Omit<RouteInput, 'triage'>> = {},
): RouteDecision {
	return decideRoute({
		department: SALES,
		departments: DEPARTMENTS,
		business: business(),
		at: OPEN,
		triage: triage(verdict),
		...overrides,
	});
}

interface Case {
	name: string;
	triage: Partial<TriageVerdict>;
	input?: Partial<Omit<RouteInput, 'triage'>>;
	expected: Partial<Record<string, unknown>>;
}

/** Asserts the listed fields, and that outOfHours is absent unless listed. */
function check(decision: RouteDecision, expected: Case['expected']): void {
	const actual = decision as unknown as Record<string, unknown>;
	for (const [key, value] of Object.entries(expected)) assert.deepEqual(actual[key], value, key);
	if (!('outOfHours' in expected)) assert.equal(actual.outOfHours, undefined, 'outOfHours');
}

describe('decide-route', () => {
	describe('decideRoute', () => {
		describe('confidence threshold (Sales: 0.75)', () => {
			const cases: Case[] = [
				{
					name: 'should reply when confidence is well above the threshold',
					triage: { confidence: 0.9 },
					expected: { action: 'reply', rule: 'confident_reply', department: 'sales' },
				},
				{
					name: 'should reply when confidence equals the threshold',
					triage: { confidence: 0.75 },
					expected: { action: 'reply', text: 'Our fibre plans start at 29.99 EUR a month.' },
				},
				{
					name: 'should hand off when confidence is just below the threshold',
					triage: { confidence: 0.7499 },
					expected: {
						action: 'handoff',
						rule: 'low_confidence',
						teamId: 11,
						escalated: false,
						priority: 'medium',
						reason: "Confidence 0.7499 is below Sales's threshold 0.75.",
					},
				},
				{
					name: "should append the AI's reason to a low-confidence hand-off",
					triage: { confidence: 0.4, handoff_reason: 'Unclear which plan is meant.' },
					expected: {
						reason: "Confidence 0.4 is below Sales's threshold 0.75. Unclear which plan is meant.",
					},
				},
				{
					name: 'should hand off when confidence is not a number',
					triage: { confidence: Number.NaN },
					expected: {
						action: 'handoff',
						reason: "Confidence unknown is below Sales's threshold 0.75.",
					},
				},
				{
					name: "should use the receiving department's own threshold",
					triage: { department: 'support', confidence: 0.65 },
					input: { department: SUPPORT },
					expected: { action: 'reply', department: 'support' },
				},
			];
			for (const c of cases) it(c.name, () => check(route(c.triage, c.input), c.expected));
		});

		describe('needs_human and empty replies', () => {
			const cases: Case[] = [
				{
					name: "should hand off when the AI asks for a human, with the AI's reason",
					triage: { confidence: 0.99, needs_human: true, handoff_reason: 'Wants to cancel.' },
					expected: { action: 'handoff', rule: 'needs_human', reason: 'Wants to cancel.' },
				},
				{
					name: 'should give a default reason when the AI asks for a human without one',
					triage: { needs_human: true, handoff_reason: '  ' },
					expected: { rule: 'needs_human', reason: 'Triage asked for a human.' },
				},
				{
					name: 'should hand off when the reply is empty',
					triage: { reply: '' },
					expected: {
						action: 'handoff',
						rule: 'empty_reply',
						reason: 'Triage gave no reply to send.',
					},
				},
				{
					name: 'should hand off when the reply is only whitespace',
					triage: { reply: ' \n\t ' },
					expected: { rule: 'empty_reply' },
				},
				{
					name: 'should hand off when there is no reply at all',
					triage: { reply: null },
					expected: { rule: 'empty_reply' },
				},
				{
					name: 'should send the reply trimmed',
					triage: { reply: '  Hello!  \n' },
					expected: { action: 'reply', text: 'Hello!' },
				},
			];
			for (const c of cases) it(c.name, () => check(route(c.triage, c.input), c.expected));
		});

		describe('departments named by the AI', () => {
			const cases: Case[] = [
				{
					name: 'should transfer when the AI is confident it is another department',
					triage: { department: 'billing', confidence: 0.92 },
					expected: {
						action: 'transfer',
						rule: 'other_department',
						fromDepartment: 'sales',
						toDepartment: 'billing',
						teamId: 13,
						escalated: false,
						priority: 'medium',
						note: 'Triage thinks this is a Billing question (confidence 0.92); received on Sales.',
					},
				},
				{
					name: 'should transfer even when the AI also wants a human',
					triage: { department: 'billing', needs_human: true, handoff_reason: 'Refund asked.' },
					expected: {
						action: 'transfer',
						note:
							'Triage thinks this is a Billing question (confidence 0.9); received on Sales. ' +
							'Refund asked.',
					},
				},
				{
					name: 'should read the department key case- and space-insensitively',
					triage: { department: ' Billing ' },
					expected: { action: 'transfer', toDepartment: 'billing' },
				},
				{
					name: 'should hand off here, not transfer, when not confident about the other department',
					triage: { department: 'billing', confidence: 0.5 },
					expected: { action: 'handoff', rule: 'low_confidence', department: 'sales', teamId: 11 },
				},
				{
					name: 'should hand off here when the AI names an unknown department',
					triage: { department: 'marketing', confidence: 0.99 },
					expected: {
						action: 'handoff',
						rule: 'unknown_department',
						department: 'sales',
						teamId: 11,
						reason:
							'Triage named an unknown department "marketing" (known: sales, support, billing); ' +
							'received on Sales.',
					},
				},
				{
					name: 'should treat its own key as this department',
					triage: { department: 'sales' },
					expected: { action: 'reply', department: 'sales' },
				},
				{
					name: 'should treat no department as this department',
					triage: { department: null },
					expected: { action: 'reply', department: 'sales' },
				},
				{
					name: 'should know the receiving department even when the list lacks it',
					triage: { department: 'sales' },
					input: { departments: [BILLING] },
					expected: { action: 'reply' },
				},
			];
			for (const c of cases) it(c.name, () => check(route(c.triage, c.input), c.expected));
		});

		describe("the keyword fallback's department", () => {
			// What the keyword rules give when Claude is down: confidence 0, a human, no reply.
			const fallback = (verdict: Partial<TriageVerdict>): Partial<TriageVerdict> => ({
				source: 'fallback',
				confidence: 0,
				needs_human: true,
				reply: '',
				handoff_reason:
					'Automatic triage unavailable: Claude is overloaded (HTTP 529) after retries.',
				...verdict,
			});
			const cases: Case[] = [
				{
					name: 'should transfer to the department the keyword rules named, with its team',
					triage: fallback({ department: 'billing' }),
					expected: {
						action: 'transfer',
						rule: 'fallback_keywords',
						fromDepartment: 'sales',
						toDepartment: 'billing',
						teamId: 13,
						escalated: false,
						note:
							'The keyword rules point to Billing; received on Sales. ' +
							'Automatic triage unavailable: Claude is overloaded (HTTP 529) after retries.',
					},
				},
				{
					name: "should judge out of hours by the named department's hours, not the receiving one's",
					triage: fallback({ department: 'support' }),
					input: { at: CLOSED },
					expected: { action: 'transfer', toDepartment: 'support', teamId: 12 },
				},
				{
					name: "should carry the named department's next opening when it is closed",
					triage: fallback({ department: 'billing' }),
					input: { department: SUPPORT, at: CLOSED },
					expected: { action: 'transfer', toDepartment: 'billing', outOfHours: BACK },
				},
				{
					name: "should escalate a critical message to the named department's escalation team",
					triage: fallback({ department: 'sales', urgency: 'critical' }),
					input: { department: BILLING },
					expected: { action: 'transfer', toDepartment: 'sales', teamId: 99, priority: 'urgent' },
				},
				{
					name: 'should hand off in the receiving department when the rules kept it there',
					triage: fallback({ department: 'sales' }),
					expected: { action: 'handoff', rule: 'needs_human', department: 'sales', teamId: 11 },
				},
				{
					name: 'should still not follow Claude itself below the threshold',
					triage: { source: 'claude', department: 'billing', confidence: 0 },
					expected: { action: 'handoff', rule: 'low_confidence', department: 'sales' },
				},
			];
			for (const c of cases) it(c.name, () => check(route(c.triage, c.input), c.expected));
		});

		describe('urgency and escalation', () => {
			const noEscalation: Department = department({ escalationTeamId: null });
			const cases: Case[] = [
				{
					name: 'should send a critical hand-off to the escalation team as urgent',
					triage: { urgency: 'critical', needs_human: true },
					expected: { teamId: 99, escalated: true, priority: 'urgent' },
				},
				{
					name: "should keep a high-urgency hand-off in the department's team",
					triage: { urgency: 'high', needs_human: true },
					expected: { teamId: 11, escalated: false, priority: 'high' },
				},
				{
					name: "should fall back to the department's team when it has no escalation team",
					triage: { urgency: 'critical', needs_human: true },
					input: { department: noEscalation },
					expected: { teamId: 11, escalated: false, priority: 'urgent' },
				},
				{
					name: "should escalate a transfer to the target's escalation team",
					triage: { department: 'sales', urgency: 'critical', confidence: 0.95 },
					input: { department: BILLING },
					expected: { action: 'transfer', toDepartment: 'sales', teamId: 99, escalated: true },
				},
				{
					name: 'should not escalate a confident reply',
					triage: { urgency: 'critical' },
					expected: { action: 'reply' },
				},
			];
			for (const c of cases) it(c.name, () => check(route(c.triage, c.input), c.expected));
		});

		describe('opening hours', () => {
			const neverOpen = department({ openingHours: {} });
			const cases: Case[] = [
				{
					name: 'should reply out of hours when confident, saying when the team is back',
					triage: {},
					input: { at: CLOSED },
					expected: { action: 'reply', outOfHours: BACK },
				},
				{
					name: 'should say when the team is back in the customer language',
					triage: { language: 'es' },
					input: { at: CLOSED },
					expected: {
						action: 'reply',
						outOfHours: { backAt: BACK.backAt, phrase: 'lunes a las 09:00' },
					},
				},
				{
					name: 'should hand off for the next opening out of hours when not confident',
					triage: { confidence: 0.3 },
					input: { at: CLOSED },
					expected: { action: 'handoff', rule: 'low_confidence', outOfHours: BACK },
				},
				{
					name: "should follow the department's own hours over the business's",
					triage: { department: 'support' },
					input: { department: SUPPORT, at: CLOSED },
					expected: { action: 'reply', department: 'support' },
				},
				{
					name: 'should reply without out-of-hours inside an overnight shift after midnight',
					triage: {},
					input: {
						department: department({
							openingHours: {
								fri: [{ open: '22:00', close: '23:59' }],
								sat: [{ open: '00:00', close: '06:00' }],
							},
						}),
						at: new Date('2026-06-06T01:00:00Z'), // Saturday 03:00
					},
					expected: { action: 'reply' },
				},
				{
					name: 'should hand off for the next overnight shift on a closed day',
					triage: { needs_human: true },
					input: {
						department: department({
							openingHours: {
								fri: [{ open: '22:00', close: '23:59' }],
								sat: [{ open: '00:00', close: '06:00' }],
							},
						}),
						at: new Date('2026-06-07T10:00:00Z'), // Sunday 12:00
					},
					expected: {
						action: 'handoff',
						outOfHours: { backAt: new Date('2026-06-12T20:00:00Z'), phrase: 'Friday at 22:00' },
					},
				},
				{
					name: 'should carry a null backAt when the department never opens',
					triage: { needs_human: true },
					input: { department: neverOpen },
					expected: { action: 'handoff', outOfHours: { backAt: null, phrase: null } },
				},
				{
					name: "should give a transfer the target department's next opening",
					triage: { department: 'billing', confidence: 0.9 },
					input: { department: SUPPORT, at: CLOSED },
					expected: { action: 'transfer', teamId: 13, outOfHours: BACK },
				},
				{
					name: 'should give a transfer to an open department no out-of-hours',
					triage: { department: 'support', confidence: 0.9 },
					input: { at: CLOSED },
					expected: { action: 'transfer', toDepartment: 'support' },
				},
				{
					name: 'should put backAt in local time across a DST change',
					triage: { confidence: 0.2 },
					input: { at: new Date('2026-03-28T14:00:00Z') }, // Saturday 15:00 CET
					expected: {
						action: 'handoff',
						outOfHours: { backAt: new Date('2026-03-30T07:00:00Z'), phrase: 'Monday at 09:00' },
					},
				},
				{
					name: 'should judge hours in the business time zone',
					triage: {},
					input: { at: CLOSED, business: business({ timeZone: 'America/New_York' }) },
					// Saturday 09:00 in New York: opens at 10:00 the same day.
					expected: {
						action: 'reply',
						outOfHours: {
							backAt: new Date('2026-06-06T14:00:00Z'),
							phrase: 'Saturday at 10:00',
						},
					},
				},
			];
			for (const c of cases) it(c.name, () => check(route(c.triage, c.input), c.expected));
		});
	});

	describe('priorityFor', () => {
		it("should map urgencies onto Chatwoot's priorities", () => {
			assert.deepEqual(['low', 'medium', 'high', 'critical'].map(priorityFor), [
				'low',
				'medium',
				'high',
				'urgent',
			]);
		});

		it('should count an urgency the AI made up as medium', () => {
			assert.equal(priorityFor('apocalyptic'), 'medium');
		});
	});
});
