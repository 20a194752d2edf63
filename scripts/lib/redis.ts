import { Redis } from 'ioredis';
import { StackError } from './stack-error.ts';

export async function assertRedisReachable(url: string): Promise<void> {
	const client = new Redis(url, {
		lazyConnect: true,
		maxRetriesPerRequest: 0,
		connectTimeout: 3000,
		retryStrategy: () => null,
	});
	// connect() rejects with a generic "Connection is closed"; the socket error says why.
	let cause: Error | undefined;
	client.on('error', (err: Error) => {
		cause ??= err;
	});
	try {
		await client.connect();
		await client.ping();
	} catch (err) {
		const reason = (cause as NodeJS.ErrnoException | undefined)?.code ?? (err as Error).message;
		throw new StackError(
			`Redis is not reachable at ${url} (${reason}): start it (to install: apt-get install redis-server), or set REDIS_URL in .env.`,
		);
	} finally {
		client.disconnect();
	}
}

/**
 * Deletes the keys under `prefix:` (a test stack's n8n queue, cache and state), never anything
 * else: the Redis is shared.
 */
export async function deleteKeysWithPrefix(url: string, prefix: string): Promise<number> {
	if (!/^[\w-]+$/.test(prefix))
		throw new StackError(`Refusing to delete Redis keys under "${prefix}".`);
	const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
	client.on('error', () => undefined);
	let deleted = 0;
	try {
		await client.connect();
		for await (const keys of client.scanStream({ match: `${prefix}:*`, count: 500 })) {
			if ((keys as string[]).length) deleted += await client.unlink(...(keys as string[]));
		}
	} finally {
		client.disconnect();
	}
	return deleted;
}
