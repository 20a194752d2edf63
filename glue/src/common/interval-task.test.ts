import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { IntervalTask } from './interval-task.ts';

describe('interval-task', () => {
	describe('IntervalTask', () => {
		it('should run at once, then again, never two runs at a time, and wait for the last on stop', async () => {
			let running = 0;
			let most = 0;
			let runs = 0;
			const task = new IntervalTask(
				async () => {
					running++;
					most = Math.max(most, running);
					await sleep(30);
					running--;
					runs++;
				},
				{ intervalMs: 5, onError: () => assert.fail('no error expected') },
			);
			task.start();
			while (runs < 3) await sleep(5);
			await task.stop();
			assert.equal(running, 0);
			assert.equal(most, 1);
		});

		it('should report a failed run and go on with the next', async () => {
			const errors: unknown[] = [];
			let calls = 0;
			const task = new IntervalTask(
				async () => {
					calls++;
					if (calls === 1) throw new Error('first run fails');
				},
				{ intervalMs: 5, onError: (error) => errors.push(error) },
			);
			task.start();
			while (calls < 2) await sleep(5);
			await task.stop();
			assert.equal((errors[0] as Error).message, 'first run fails');
		});

		it('should not start when the interval is 0', async () => {
			let calls = 0;
			const task = new IntervalTask(async () => void calls++, { intervalMs: 0, onError: () => {} });
			task.start();
			await sleep(20);
			await task.stop();
			assert.equal(calls, 0);
		});
	});
});
