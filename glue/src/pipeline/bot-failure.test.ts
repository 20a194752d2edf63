import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideRoute } from '../routing/decide-route.ts';
import type { RouteDecision } from '../routing/route-decision.ts';
import { business, DEPARTMENTS, SALES, SUPPORT } from '../routing/test-fixtures.ts';
import type { TriageVerdict } from '../routing/triage-verdict.ts';
import { planActions, type PlannedTriage } from './action-plan.ts';
import { isAfterBotFailure, routeAfterBotFailure } from './bot-failure.ts';
import { outcomeOf } from './decision.ts';

const triage = (overrides: Partial<TriageVerdict & PlannedTriage> = {}) =>
	({
		intent: 'installation',
		department: 'sales',
		urgency: 'medium',
		sentiment: 'neutral',
		language: 'es',
		confidence: 0.95,
		needs_human: false,
		handoff_reason: null,
		reply: 'La instalación tarda dos días.',
		draft: 'La instalación tarda dos días.',
		summary: 'Asks how long installation takes.',
		source: 'claude',
		...overrides,
	}) as TriageVerdict & PlannedTriage;

const NAMES = { sales: 'Sales', support: 'Support', billing: 'Billing' };
const reply: RouteDecision = {
	action: 'reply',
	rule: 'confident_reply',
	department: 'sales',
	text: 'La instalación tarda dos días.',
};

describe('bot-failure', () => {
	describe('routeAfterBotFailure', () => {
		it("should turn a reply into a hand-off to the receiving department's team", () => {
			const route = routeAfterBotFailure(reply, SALES, 'medium');
			assert.deepEqual(route, {
				action: 'handoff',
				rule: 'opened_before_reply',
				department: 'sales',
				teamId: SALES.chatwootTeamId,
				escalated: false,
				reason: 'Triage had an answer ready (the draft below), but the bot may not send it now.',
				priority: 'medium',
				afterBotFailure: true,
			});
			assert.equal(isAfterBotFailure(route), true);
			assert.equal(isAfterBotFailure(reply), false);
		});

		it('should send a critical one to the escalation team, and keep the closed hours', () => {
			const closed = { backAt: new Date('2026-12-07T09:00:00Z'), phrase: 'mañana a las 09:00' };
			const route = routeAfterBotFailure({ ...reply, outOfHours: closed }, SALES, 'critical');
			assert.equal(route.teamId, SALES.escalationTeamId);
			assert.equal(route.escalated, true);
			assert.equal(route.priority, 'urgent');
			assert.deepEqual(route.outOfHours, closed);
		});

		it('should keep a hand-off or a transfer as triage decided it', () => {
			const at = new Date('2026-12-07T12:00:00Z');
			const input = { department: SALES, departments: DEPARTMENTS, business: business(), at };
			const handoff = decideRoute({ ...input, triage: triage({ needs_human: true }) });
			const transfer = decideRoute({ ...input, triage: triage({ department: 'support' }) });
			for (const decided of [handoff, transfer]) {
				assert.deepEqual(routeAfterBotFailure(decided, SALES, 'medium'), {
					...decided,
					afterBotFailure: true,
				});
			}
			assert.equal(transfer.action === 'transfer' && transfer.teamId, SUPPORT.chatwootTeamId);
		});
	});

	describe('planActions after a bot failure', () => {
		it('should send the customer nothing and tell the agents why, with the draft', () => {
			const plan = planActions(routeAfterBotFailure(reply, SALES, 'medium'), triage(), NAMES);
			assert.equal(plan.customerMessage, null);
			assert.equal(plan.handoff?.teamId, SALES.chatwootTeamId);
			assert.deepEqual(plan.handoff?.labels, ['dept-sales', 'intent-other', 'urgency-medium']);
			const note = plan.handoff?.note ?? '';
			assert.match(
				note,
				/^Handed off by Switchboard\nChatwoot opened this conversation before the bot could answer/,
			);
			assert.match(note, /The bot wrote nothing to the customer/);
			assert.match(note, /Draft reply \(not sent\):\nLa instalación tarda dos días\./);
		});

		it('should not send the out-of-hours notice either, and say so in the note', () => {
			const closed = { backAt: new Date('2026-12-07T09:00:00Z'), phrase: 'mañana a las 09:00' };
			const template = {
				key: 'out_of_hours',
				language: 'es',
				body: 'Abrimos {{opens_at}}.',
			} as never;
			const route = routeAfterBotFailure({ ...reply, outOfHours: closed }, SALES, 'medium');
			const plan = planActions(route, triage(), NAMES, {
				outOfHours: template,
				contactName: 'Ana',
			});
			assert.equal(plan.customerMessage, null);
			assert.match(
				plan.handoff?.note ?? '',
				/Closed now; back mañana a las 09:00\. The customer was not told: the bot does not write in a conversation Chatwoot opened\./,
			);
		});
	});

	describe('outcomeOf', () => {
		it('should log a hand-off after a bot failure as its own outcome, even on keyword triage', () => {
			const route = routeAfterBotFailure(reply, SALES, 'medium');
			assert.equal(outcomeOf(route, 'claude'), 'handed_off_after_bot_failure');
			assert.equal(outcomeOf(route, 'fallback'), 'handed_off_after_bot_failure');
			assert.equal(outcomeOf(reply, 'claude'), 'auto_replied');
		});
	});
});
