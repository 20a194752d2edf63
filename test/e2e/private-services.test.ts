import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { assertRedisReachable } from '../../scripts/lib/redis.ts';
import { startPrivateServices, type PrivateServices } from './private-services.ts';

async function selectOne(url: string): Promise<number> {
	const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
	client.on('error', () => undefined);
	try {
		await client.connect();
		return (await client.query<{ one: number }>('select 1 as one')).rows[0]!.one;
	} finally {
		await client.end().catch(() => undefined);
	}
}

describe('private PostgreSQL and Redis', () => {
	let services: PrivateServices;

	before(async () => {
		services = await startPrivateServices();
	});
	after(() => services?.cleanup());

	it('should run on ports of their own, never the shared 5432 and 6379', () => {
		assert.notEqual(new URL(services.urls.postgresUrl).port, '5432');
		assert.notEqual(new URL(services.urls.redisUrl).port, '6379');
	});

	it('should refuse connections while PostgreSQL is stopped and take them again on the same URL once started', async () => {
		await selectOne(services.postgres.url);
		// A session left open does not keep a fast shutdown waiting.
		const open = new pg.Client({ connectionString: services.postgres.url });
		open.on('error', () => undefined);
		await open.connect();
		await services.postgres.stop();
		assert.equal(services.postgres.running, false);
		await assert.rejects(selectOne(services.postgres.url));
		await services.postgres.start();
		assert.equal(await selectOne(services.postgres.url), 1);
		await open.end().catch(() => undefined);
	});

	it('should come back after a SIGKILL of PostgreSQL', async () => {
		await services.postgres.kill();
		await assert.rejects(selectOne(services.postgres.url));
		await services.postgres.start();
		assert.equal(await selectOne(services.postgres.url), 1);
	});

	it('should stop, kill and start Redis on the same URL', async () => {
		await services.redis.stop();
		await assert.rejects(assertRedisReachable(services.redis.url));
		await services.redis.start();
		await assertRedisReachable(services.redis.url);
		await services.redis.kill();
		await services.redis.start();
		await assertRedisReachable(services.redis.url);
	});

	it('should remove its folders on cleanup', async () => {
		const extra = await startPrivateServices();
		assert.ok(existsSync(extra.postgres.dir) && existsSync(extra.redis.dir));
		await extra.cleanup();
		assert.equal(existsSync(extra.postgres.dir), false);
		assert.equal(existsSync(extra.redis.dir), false);
		await assert.rejects(selectOne(extra.urls.postgresUrl));
	});
});
