// The peer the gateway is compared with: n8n's own Webhook node (respond on receipt, no auth) in the
// same n8n the stack runs, published through n8n's public API from bench/fixtures/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod/v4';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'n8n-webhook-peer.json');

const fixtureSchema = z.object({
	name: z.string(),
	nodes: z.array(
		z
			.object({ type: z.string(), parameters: z.object({ path: z.string().optional() }).loose() })
			.loose(),
	),
	connections: z.record(z.string(), z.unknown()),
	settings: z.record(z.string(), z.unknown()),
});

export interface N8nPeer {
	workflowId: string;
	webhookUrl: string;
}

async function api(n8n: { url: string; apiKey: string }, path: string, body: unknown) {
	const res = await fetch(`${n8n.url}/api/v1${path}`, {
		method: 'POST',
		headers: { 'X-N8N-API-KEY': n8n.apiKey, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`n8n ${path} answered HTTP ${res.status}: ${text.slice(0, 300)}`);
	return JSON.parse(text) as unknown;
}

export async function publishN8nPeer(n8n: {
	url: string;
	apiKey: string;
	/** Where production webhooks are served: n8n's webhook processor in queue mode. */
	webhookUrl: string;
}): Promise<N8nPeer> {
	const fixture = fixtureSchema.parse(JSON.parse(readFileSync(FIXTURE, 'utf8')));
	const path = fixture.nodes.find((node) => node.type === 'n8n-nodes-base.webhook')?.parameters
		.path;
	if (!path) throw new Error(`${FIXTURE}: needs a Webhook node with a path`);
	// The public API takes these four fields only; id and active are its to set.
	const created = z.object({ id: z.string() }).parse(
		await api(n8n, '/workflows', {
			name: fixture.name,
			nodes: fixture.nodes,
			connections: fixture.connections,
			settings: fixture.settings,
		}),
	);
	await api(n8n, `/workflows/${created.id}/publish`, {});
	const webhookUrl = `${n8n.webhookUrl}/webhook/${path}`;
	// n8n registers the webhook a moment after answering the publish.
	const deadline = Date.now() + 20_000;
	for (;;) {
		const probe = await fetch(webhookUrl, {
			method: 'POST',
			body: '{}',
			headers: { 'content-type': 'application/json' },
		});
		await probe.arrayBuffer();
		if (probe.ok) break;
		if (Date.now() > deadline) {
			throw new Error(
				`the n8n peer webhook still answers HTTP ${probe.status} 20 s after publishing`,
			);
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	return { workflowId: created.id, webhookUrl };
}

/** How many executions of the workflow n8n has saved (all of them, with default settings). */
export async function countExecutions(
	n8n: { url: string; apiKey: string },
	workflowId: string,
): Promise<number> {
	const page = z.object({
		data: z.array(z.object({ id: z.union([z.string(), z.number()]) }).loose()),
		nextCursor: z.string().nullish(),
	});
	let count = 0;
	let cursor: string | null | undefined;
	do {
		const query = new URLSearchParams({ workflowId, limit: '250' });
		if (cursor) query.set('cursor', cursor);
		const res = await fetch(`${n8n.url}/api/v1/executions?${query}`, {
			headers: { 'X-N8N-API-KEY': n8n.apiKey },
		});
		if (!res.ok) throw new Error(`n8n /executions answered HTTP ${res.status}`);
		const body = page.parse(await res.json());
		count += body.data.length;
		cursor = body.nextCursor;
	} while (cursor);
	return count;
}
