import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planStatuses, type StatusPlanOptions } from './whatsapp-statuses.ts';

const options = (overrides: Partial<StatusPlanOptions> = {}): StatusPlanOptions => ({
	sequence: ['sent', 'delivered', 'read'],
	shuffle: 0,
	duplicate: 0,
	skipDelivered: 0,
	...overrides,
});

describe('whatsapp-statuses', () => {
	describe('planStatuses', () => {
		it('should keep the sequence as configured when every knob is 0', () => {
			assert.deepEqual(planStatuses(options(), Math.random), ['sent', 'delivered', 'read']);
		});

		it('should drop delivered when read follows and skipDelivered hits', () => {
			assert.deepEqual(
				planStatuses(options({ skipDelivered: 1 }), () => 0.5),
				['sent', 'read'],
			);
		});

		it('should keep delivered when there is no read to imply it', () => {
			const plan = planStatuses(
				options({ sequence: ['sent', 'delivered'], skipDelivered: 1 }),
				() => 0.5,
			);
			assert.deepEqual(plan, ['sent', 'delivered']);
		});

		it('should reorder the statuses when shuffle hits', () => {
			assert.deepEqual(
				planStatuses(options({ shuffle: 1 }), () => 0),
				['delivered', 'read', 'sent'],
			);
		});

		it('should repeat each status right after itself when duplicate hits', () => {
			assert.deepEqual(
				planStatuses(options({ sequence: ['sent', 'read'], duplicate: 1 }), () => 0.5),
				['sent', 'sent', 'read', 'read'],
			);
		});

		it('should plan nothing when the sequence is empty', () => {
			assert.deepEqual(
				planStatuses(options({ sequence: [] }), () => 0),
				[],
			);
		});
	});
});
