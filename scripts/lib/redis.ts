import { Redis } from 'ioredis';
import { StackError } from './stack-error.ts';

export async function assertRedisReachable(url: string): Promise<void> {
	const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3000, retryStrategy: () => null });
	client.on('error', () => {});
	try {
		await client.connect();
		await client.ping();
	} catch (err) {
		throw new StackError(
			`Redis is not reachable at ${url} (${(err as Error).message}): start it, or set REDIS_URL in .env.`,
		);
	} finally {
		client.disconnect();
	}
}
