import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { freePorts } from '../../../../scripts/lib/ports.ts';
import { useGatewayFixture, waitFor } from '../test-support.ts';

describe('health', () => {
	const fx = useGatewayFixture();

	describe('GET /healthz', () => {
		it('should answer 200 while the process is up, with a request id echoed', async () => {
			const gw = await fx.start();
			const res = await fetch(`${gw.url}/healthz`, { headers: { 'x-request-id': 'probe-1' } });
			assert.equal(res.status, 200);
			assert.equal(res.headers.get('x-request-id'), 'probe-1');
			assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
			assert.deepEqual(await res.json(), { success: true, message: 'ok', data: { status: 'ok' } });
		});
	});

	describe('GET /readyz', () => {
		it('should answer 200 when PostgreSQL and n8n both answer', async () => {
			const gw = await fx.start();
			const res = await fetch(`${gw.url}/readyz`);
			assert.equal(res.status, 200);
			assert.deepEqual(await res.json(), {
				success: true,
				message: 'ready',
				data: { checks: { postgres: 'ok', n8n: 'ok' } },
			});
		});

		it('should answer 503 naming n8n when its webhook host is down', async () => {
			const gw = await fx.start();
			await fx.n8n.down();
			const res = await fetch(`${gw.url}/readyz`);
			assert.equal(res.status, 503);
			const body = (await res.json()) as {
				data: { failed: string[]; checks: Record<string, string> };
			};
			assert.deepEqual(body.data.failed, ['n8n']);
			assert.match(body.data.checks.n8n ?? '', /refused/);
		});

		it('should answer 503 naming postgres when the ledger database is unreachable', async () => {
			const [port] = await freePorts(1);
			const gw = await fx.start({
				loops: false,
				migrate: false,
				pool: new pg.Pool({
					connectionString: `postgres://postgres@127.0.0.1:${port}/nothing`,
					connectionTimeoutMillis: 1000,
				}),
			});
			const res = await fetch(`${gw.url}/readyz`);
			assert.equal(res.status, 503);
			const body = (await res.json()) as {
				data: { failed: string[]; checks: Record<string, string> };
			};
			assert.deepEqual(body.data.failed, ['postgres']);
			assert.match(body.data.checks.postgres ?? '', /^PostgreSQL: ECONNREFUSED/);
			assert.equal(body.data.checks.n8n, 'ok');
		});
	});

	describe('GET /metrics', () => {
		it('should expose the counters and the ack histogram in Prometheus text format', async () => {
			const gw = await fx.start();
			await fx.pointBotAt(gw);
			await fetch(gw.webhookUrl, { method: 'POST', body: '{}' });
			await fx.customerWrites('+5215512345678', 'Hola');
			await waitFor('the forward', () => fx.n8n.forwards.length === 1);
			await waitFor('the forward counted', () => gw.gateway.metrics.forwarded.get() === 1);

			const res = await fetch(`${gw.url}/metrics`);
			assert.equal(res.status, 200);
			assert.equal(res.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
			const text = await res.text();
			for (const line of [
				'# TYPE sb_gateway_webhooks_received_total counter',
				'sb_gateway_webhooks_received_total 2',
				'sb_gateway_webhooks_rejected_total{reason="missing"} 1',
				'sb_gateway_webhooks_rejected_total{reason="stale"} 0',
				'sb_gateway_webhooks_dropped_total{reason="private_note"} 0',
				'sb_gateway_webhooks_deduplicated_total 0',
				'sb_gateway_messages_queued_total{source="agent_bot"} 1',
				'sb_gateway_forwarded_messages_total 1',
				'sb_gateway_forward_retries_total 0',
				'sb_gateway_dead_lettered_messages_total 0',
				'# TYPE sb_gateway_webhook_ack_seconds histogram',
			]) {
				assert.ok(text.split('\n').includes(line), `missing: ${line}`);
			}
			assert.match(text, /^sb_gateway_webhook_ack_seconds_bucket\{le="\+Inf"\} [1-9]\d*$/m);
		});
	});

	describe('unknown paths', () => {
		it('should answer 404 in the envelope', async () => {
			const gw = await fx.start();
			const res = await fetch(`${gw.url}/nothing-here`);
			assert.equal(res.status, 404);
			assert.deepEqual(await res.json(), { success: false, message: 'not found', data: null });
		});
	});
});
