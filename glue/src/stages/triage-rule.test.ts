import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideTriageProposal, type TriageProposal } from './triage-rule.ts';

const proposal = (overrides: Partial<TriageProposal> = {}): TriageProposal => ({
	current: 'new',
	proposed: 'engaged',
	confidence: 0.9,
	threshold: 0.75,
	source: 'claude',
	...overrides,
});

describe('triage-rule', () => {
	describe('decideTriageProposal', () => {
		it('should move forward when Claude proposes it at or above the threshold', () => {
			assert.deepEqual(decideTriageProposal(proposal()), {
				move: true,
				from: 'new',
				to: 'engaged',
				why: 'the triage reads engaged (confidence 0.9)',
			});
			assert.equal(decideTriageProposal(proposal({ confidence: 0.75 })).move, true);
		});

		it('should skip forward along the line (new to qualified)', () => {
			const decision = decideTriageProposal(proposal({ proposed: 'qualified' }));
			assert.equal(decision.move && decision.to, 'qualified');
		});

		const kept: [string, Partial<TriageProposal>, string][] = [
			['the fallback triaged', { source: 'fallback' }, 'fallback'],
			['nothing is proposed', { proposed: null }, 'no_proposal'],
			['the proposal is the current stage', { current: 'engaged' }, 'unchanged'],
			['confidence is just below the threshold', { confidence: 0.7499 }, 'below_threshold'],
			['confidence is not a number', { confidence: Number.NaN }, 'below_threshold'],
			['the proposal is booked', { proposed: 'booked' }, 'not_from_triage'],
			['the proposal is customer', { proposed: 'customer' }, 'not_from_triage'],
			['the proposal goes back', { current: 'qualified', proposed: 'engaged' }, 'backward'],
			['the proposal is new', { current: 'engaged', proposed: 'new' }, 'backward'],
			['the contact is a customer', { current: 'customer', proposed: 'lost' }, 'not_allowed'],
		];
		for (const [when, overrides, reason] of kept) {
			it(`should keep the stage when ${when}`, () => {
				const decision = decideTriageProposal(proposal(overrides));
				assert.equal(decision.move, false);
				assert.equal(!decision.move && decision.reason, reason);
				assert.ok(decision.why.length > 0);
			});
		}

		it('should name the threshold when confidence is too low', () => {
			const decision = decideTriageProposal(proposal({ confidence: 0.5 }));
			assert.equal(decision.why, "confidence 0.5 is below the department's threshold 0.75");
		});

		it('should let an open contact be lost', () => {
			const decision = decideTriageProposal(proposal({ current: 'qualified', proposed: 'lost' }));
			assert.equal(decision.move && decision.to, 'lost');
		});

		it('should reopen a lost contact who writes again, saying so', () => {
			const decision = decideTriageProposal(proposal({ current: 'lost', proposed: 'engaged' }));
			assert.equal(decision.move, true);
			assert.match(decision.why, /^reopened/);
		});
	});
});
