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
