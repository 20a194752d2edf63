import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freePorts } from './ports.ts';
import { assertRedisReachable } from './redis.ts';
import { StackError } from './stack-error.ts';

describe('assertRedisReachable', () => {
	it('should resolve against the running Redis', async () => {
		await assertRedisReachable(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
	});

	it('should name the refused connection and the fix when nothing listens', async () => {
		const [port] = await freePorts(1);
		await assert.rejects(assertRedisReachable(`redis://127.0.0.1:${port}`), (err: unknown) => {
			assert.ok(err instanceof StackError);
			assert.equal(
				err.message,
				`Redis is not reachable at redis://127.0.0.1:${port} (ECONNREFUSED): start it (to install: apt-get install redis-server), or set REDIS_URL in .env.`,
			);
			return true;
		});
	});
});
