import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MessageTemplate } from '../content/schemas.ts';
import { templateSchema } from '../templates/model.ts';
import type {
	HandoffDecision,
	OutOfHours,
	ReplyDecision,
	TransferDecision,
} from '../routing/route-decision.ts';
import { planActions, type PlannedTriage } from './action-plan.ts';

const NAMES = { sales: 'Sales', billing: 'Billing', support: 'Support' };

const triage = (overrides: Partial<PlannedTriage> = {}): PlannedTriage => ({
	intent: 'invoice_question',
	urgency: 'medium',
	sentiment: 'neutral',
	language: 'en',
	confidence: 0.456,
	summary: 'Customer asks why the November invoice is higher.',
	draft: 'Billing can look into your invoice.',
	source: 'claude',
	fallbackReason: null,
	...overrides,
});

const reply = (overrides: Partial<ReplyDecision> = {}): ReplyDecision => ({
	action: 'reply',
	rule: 'confident_reply',
	department: 'sales',
	text: 'Installation takes 5 working days.',
	...overrides,
});

const handoff = (overrides: Partial<HandoffDecision> = {}): HandoffDecision => ({
	action: 'handoff',
	rule: 'low_confidence',
	department: 'sales',
	teamId: 3,
	escalated: false,
	reason: "Confidence 0.46 below Sales's threshold 0.7",
	priority: 'medium',
	...overrides,
});

const transfer = (overrides: Partial<TransferDecision> = {}): TransferDecision => ({
	action: 'transfer',
	rule: 'other_department',
	fromDepartment: 'sales',
	toDepartment: 'billing',
	teamId: 5,
	escalated: false,
	note: 'Billing question (confidence 0.93); received on Sales',
	priority: 'high',
	...overrides,
});

const closed: OutOfHours = { backAt: new Date('2030-01-07T14:00:00Z'), phrase: 'Monday at 09:00' };

const outOfHours = (body: string): MessageTemplate =>
	templateSchema.parse({ key: 'out_of_hours', language: 'en', body });

describe('action-plan', () => {
	describe('planActions', () => {
		it('should send the reply as it is and hand nothing off when the route is a reply', () => {
			assert.deepEqual(planActions(reply(), triage(), NAMES), {
				customerMessage: 'Installation takes 5 working days.',
				handoff: null,
			});
		});

		it('should hand off with a note, the department, intent and urgency labels, the team and priority', () => {
			const plan = planActions(handoff(), triage(), NAMES);
			assert.equal(plan.customerMessage, null, 'the customer is told nothing while open');
			assert.deepEqual(plan.handoff?.labels, ['dept-sales', 'intent-other', 'urgency-medium']);
			assert.equal(plan.handoff?.teamId, 3);
			assert.equal(plan.handoff?.priority, 'medium');
			assert.deepEqual(plan.handoff?.note.split('\n'), [
				'Handed off by Switchboard',
				"Why: Confidence 0.46 below Sales's threshold 0.7",
				'Summary: Customer asks why the November invoice is higher.',
				'Intent: invoice_question · Urgency: medium · Sentiment: neutral · Language: en · Confidence: 0.46',
				'Draft reply (not sent):',
				'Billing can look into your invoice.',
			]);
		});

		it('should label an intent agents filter by with its name, and any other intent-other', () => {
			const labelled = planActions(handoff(), triage({ intent: 'outage_report' }), NAMES);
			assert.ok(labelled.handoff?.labels.includes('intent-outage_report'));
			const other = planActions(handoff(), triage({ intent: 'router_reset' }), NAMES);
			assert.ok(other.handoff?.labels.includes('intent-other'));
			assert.match(other.handoff!.note, /Intent: router_reset/, 'the note still names it');
		});

		it('should label an escalated hand-off escalated', () => {
			const plan = planActions(handoff({ escalated: true, teamId: 9 }), triage(), NAMES);
			assert.ok(plan.handoff?.labels.includes('escalated'));
			assert.equal(plan.handoff?.teamId, 9);
		});

		it('should say in the note when the keyword fallback triaged instead of Claude', () => {
			const plan = planActions(
				handoff({ rule: 'needs_human' }),
				triage({ source: 'fallback', fallbackReason: 'overloaded', draft: '' }),
				NAMES,
			);
			assert.match(plan.handoff!.note, /Claude was not available \(overloaded\): keyword triage\./);
			assert.doesNotMatch(plan.handoff!.note, /Draft reply/, 'no empty draft section');
		});

		it('should leave out an empty summary', () => {
			const plan = planActions(handoff(), triage({ summary: '  ' }), NAMES);
			assert.doesNotMatch(plan.handoff!.note, /Summary/);
		});

		it("should transfer to the target department's team with both names and a transferred label", () => {
			const plan = planActions(transfer(), triage({ confidence: 0.93 }), NAMES);
			assert.equal(plan.customerMessage, null);
			assert.match(plan.handoff!.note, /^Transferred by Switchboard from Sales to Billing\n/);
			assert.match(
				plan.handoff!.note,
				/Why: Billing question \(confidence 0.93\); received on Sales/,
			);
			assert.deepEqual(plan.handoff?.labels, [
				'dept-billing',
				'intent-other',
				'urgency-medium',
				'transferred',
			]);
			assert.equal(plan.handoff?.teamId, 5);
			assert.equal(plan.handoff?.priority, 'high');
		});

		it('should fall back to the department key when its name is unknown', () => {
			const plan = planActions(transfer({ toDepartment: 'returns' }), triage(), NAMES);
			assert.match(plan.handoff!.note, /from Sales to returns/);
			assert.ok(plan.handoff?.labels.includes('dept-returns'));
		});

		it("should tell a closed team's customer when it is back, from the out_of_hours template", () => {
			const plan = planActions(handoff({ outOfHours: closed }), triage(), NAMES, {
				outOfHours: outOfHours(
					'Hi {{contact_name}}, our {{department_name}} team is back {{opens_at}}.',
				),
				contactName: 'Ana',
			});
			assert.equal(plan.customerMessage, 'Hi Ana, our Sales team is back Monday at 09:00.');
			assert.match(
				plan.handoff!.note,
				/Closed now; back Monday at 09:00\. The customer was told\./,
			);
		});

		it("should name the target department in a closed transfer's message", () => {
			const plan = planActions(transfer({ outOfHours: closed }), triage(), NAMES, {
				outOfHours: outOfHours('Our {{department_name}} team is back {{opens_at}}.'),
				contactName: null,
			});
			assert.equal(plan.customerMessage, 'Our Billing team is back Monday at 09:00.');
		});

		it('should tell the customer nothing, and the agents why, when there is no template', () => {
			const plan = planActions(handoff({ outOfHours: closed }), triage(), NAMES);
			assert.equal(plan.customerMessage, null);
			assert.match(plan.handoff!.note, /The customer was not told: .*out_of_hours/);
		});

		it('should tell the customer nothing when the template needs a name Chatwoot does not have', () => {
			const plan = planActions(handoff({ outOfHours: closed }), triage(), NAMES, {
				outOfHours: outOfHours('Hi {{contact_name}}, back {{opens_at}}.'),
				contactName: '  ',
			});
			assert.equal(plan.customerMessage, null);
			assert.match(plan.handoff!.note, /The customer was not told: .*\{\{contact\.name\}\}/);
		});

		it('should tell the customer nothing, and the agents which, when the template uses an unknown variable', () => {
			const plan = planActions(handoff({ outOfHours: closed }), triage(), NAMES, {
				outOfHours: outOfHours('Our {{team}} is back {{opens_at}}.'),
				contactName: 'Ana',
			});
			assert.equal(plan.customerMessage, null);
			assert.match(
				plan.handoff!.note,
				/The customer was not told: .*\{\{team\}\} is not a variable we know\.\nDraft/,
			);
		});

		it("should acknowledge a hand-off while open with the handoff template, in the customer's words", () => {
			const plan = planActions(handoff(), triage({ language: 'es' }), NAMES, {
				outOfHours: null,
				handoff: templateSchema.parse({
					key: 'handoff',
					language: 'es',
					body: 'Hola {{contact.first_name}}, nuestro equipo de {{department.name}} le responde.',
					fallbacks: { 'contact.first_name': 'de nuevo' },
				}),
				contactName: '',
			});
			assert.equal(plan.customerMessage, 'Hola de nuevo, nuestro equipo de Sales le responde.');
			assert.doesNotMatch(plan.handoff!.note, /not told/);
		});

		it("should name the target department in a transfer's acknowledgement", () => {
			const plan = planActions(transfer(), triage(), NAMES, {
				outOfHours: null,
				handoff: templateSchema.parse({
					key: 'handoff',
					language: 'en',
					body: 'Our {{department.name}} team will reply here.',
				}),
			});
			assert.equal(plan.customerMessage, 'Our Billing team will reply here.');
		});

		it('should say "at the next opening" when the hours never open', () => {
			const plan = planActions(
				handoff({ outOfHours: { backAt: null, phrase: null } }),
				triage(),
				NAMES,
			);
			assert.match(plan.handoff!.note, /Closed now; back at the next opening\./);
		});
	});
});
