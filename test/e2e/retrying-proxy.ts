// Pangolin's load balancing in front of two gateways, for the tests that run two (gateway-replicas,
// scale-out).
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The smallest honest stand-in for Pangolin's Traefik in front of two gateway targets: round-robin
 * over the targets, and the `retry` middleware (compose/pangolin/templates/traefik/
 * dynamic_config.yml): a request that got no response at all (connection refused or reset) is
 * sent again, to the next target; once a target answers, whatever the status, that answer stands.
 */
export interface RetryingProxy {
	url: string;
	targets: string[];
	/** Attempts that got no response and were sent on to the next target. */
	retried: number;
	/** Requests that ran out of attempts: what Chatwoot would have seen as a refused delivery. */
	failed: number;
	/** Requests each target answered, by target URL. */
	answeredBy: Record<string, number>;
	close(): Promise<void>;
}

export async function startRetryingProxy(attempts: number): Promise<RetryingProxy> {
	let next = 0;
	const proxy: RetryingProxy = {
		url: '',
		targets: [],
		retried: 0,
		failed: 0,
		answeredBy: {},
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
	const forward = (
		target: string,
		incoming: IncomingMessage,
		body: Buffer,
	): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> =>
		new Promise((resolve, reject) => {
			const url = new URL(incoming.url ?? '/', target);
			const outgoing = request(
				url,
				{ method: incoming.method, headers: { ...incoming.headers, host: url.host } },
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (chunk: Buffer) => chunks.push(chunk));
					res.on('end', () =>
						resolve({
							status: res.statusCode ?? 502,
							headers: res.headers,
							body: Buffer.concat(chunks),
						}),
					);
					res.on('error', reject);
				},
			);
			outgoing.on('error', reject);
			outgoing.end(body);
		});
	const server: Server = createServer((incoming, response) => {
		const chunks: Buffer[] = [];
		incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
		incoming.on('end', async () => {
			const body = Buffer.concat(chunks);
			for (let attempt = 1; attempt <= attempts; attempt++) {
				const target = proxy.targets[next++ % proxy.targets.length]!;
				try {
					const answer = await forward(target, incoming, body);
					proxy.answeredBy[target] = (proxy.answeredBy[target] ?? 0) + 1;
					response.writeHead(answer.status, answer.headers).end(answer.body);
					return;
				} catch {
					if (attempt < attempts) proxy.retried += 1;
				}
			}
			proxy.failed += 1;
			response.writeHead(502).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return proxy;
}
