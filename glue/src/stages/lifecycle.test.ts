import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	ALLOWED_MOVES,
	assertMove,
	canMove,
	isStage,
	OPEN_STAGES,
	stageRank,
	STAGES,
	type Stage,
} from './lifecycle.ts';
import { StageMoveError } from './stage-move-error.ts';

describe('lifecycle', () => {
	describe('ALLOWED_MOVES', () => {
		it('should let every open stage move forward along the line, skipping stages', () => {
			const line: Stage[] = ['new', 'engaged', 'qualified', 'booked', 'customer'];
			for (const [i, from] of line.entries()) {
				for (const to of line.slice(i + 1)) assert.ok(canMove(from, to), `${from} → ${to}`);
			}
		});

		it('should let every open stage be lost, and no closed one', () => {
			for (const from of OPEN_STAGES) assert.ok(canMove(from, 'lost'), `${from} → lost`);
			assert.equal(canMove('customer', 'lost'), false);
		});

		it('should reopen lost to any stage but new', () => {
			assert.deepEqual([...ALLOWED_MOVES.lost].sort(), [
				'booked',
				'customer',
				'engaged',
				'qualified',
			]);
		});

		it('should never lead back to new, nor out of customer', () => {
			for (const from of STAGES) assert.equal(canMove(from, 'new'), false, `${from} → new`);
			assert.deepEqual(ALLOWED_MOVES.customer, []);
		});

		it('should allow going back only from a cancelled booking and a correction to engaged', () => {
			const back = STAGES.flatMap((from) =>
				ALLOWED_MOVES[from]
					.filter((to) => {
						const a = stageRank(from);
						const b = stageRank(to);
						return a !== null && b !== null && b < a;
					})
					.map((to) => `${from}→${to}`),
			);
			assert.deepEqual(back, ['qualified→engaged', 'booked→qualified']);
		});

		it('should not list a stage as a move to itself', () => {
			for (const from of STAGES) assert.equal(canMove(from, from), false);
		});
	});

	describe('assertMove', () => {
		it('should pass an allowed move', () => {
			assert.doesNotThrow(() => assertMove('new', 'engaged'));
		});

		it('should throw a StageMoveError naming the move and where it may go instead', () => {
			assert.throws(
				() => assertMove('engaged', 'new'),
				(error: unknown) =>
					error instanceof StageMoveError &&
					error.code === 'STAGE_MOVE_NOT_ALLOWED' &&
					error.httpStatus === 409 &&
					error.from === 'engaged' &&
					error.to === 'new' &&
					error.message ===
						'stages: a contact cannot move from engaged to new; it may move to qualified, booked, customer, lost',
			);
		});

		it('should say customer is final', () => {
			assert.throws(() => assertMove('customer', 'lost'), /customer is final/);
		});
	});

	describe('isStage', () => {
		it('should accept the six stage names only', () => {
			for (const stage of STAGES) assert.ok(isStage(stage));
			for (const other of ['', 'New', 'won', null, undefined, 3])
				assert.equal(isStage(other), false);
		});
	});
});
