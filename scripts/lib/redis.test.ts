import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { freePorts } from './ports.ts';
import { assertRedisReachable, deleteKeysWithPrefix } from './redis.ts';
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

describe('deleteKeysWithPrefix', () => {
	const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

	it("should delete the keys under the prefix and leave a neighbour's alone", async () => {
		const prefix = `sbtest_${randomBytes(4).toString('hex')}_n8n`;
		const client = new Redis(url);
		try {
			await client.set(`${prefix}:jobs:id`, '1');
			await client.set(`${prefix}:cache:webhook:POST-x`, '{}');
			await client.set(`${prefix}x:jobs:id`, '1');
			assert.equal(await deleteKeysWithPrefix(url, prefix), 2);
			assert.deepEqual(
				await client.exists(`${prefix}:jobs:id`, `${prefix}:cache:webhook:POST-x`),
				0,
			);
			assert.equal(await client.get(`${prefix}x:jobs:id`), '1');
		} finally {
			await client.del(`${prefix}x:jobs:id`);
			client.disconnect();
		}
	});

	it('should refuse a prefix that would match more than one stack', async () => {
		await assert.rejects(deleteKeysWithPrefix(url, 'sb*'), StackError);
		await assert.rejects(deleteKeysWithPrefix(url, ''), StackError);
	});
});
