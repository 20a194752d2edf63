import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type pg from 'pg';
import { migrate } from '../../log-store/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../../log-store/test-database.ts';
import { createGatewayMetrics } from './gateway-metrics.ts';
import { collectLedgerGauges } from './ledger-gauges.ts';

/** A Chatwoot message row in the ledger, `minutesAgo` old. */
async function inbound(pool: pg.Pool, status: string, minutesAgo: number, id: number) {
	await pool.query(
		'insert into sb_inbound_events (source, chatwoot_message_id, conversation_id, account_id,' +
			" event, received_at, payload, status) values ('agent_bot', $1, 7, 1, 'message_created'," +
			" now() - make_interval(mins => $2), '{}', $3)",
		[id, minutesAgo, status],
	);
}

async function decision(pool: pg.Pool, outcome: string, minutesAgo: number) {
	await pool.query(
		'insert into sb_ai_decisions (conversation_id, department, intent, urgency, sentiment,' +
			' language, confidence, needs_human, outcome, triage, model, input_tokens, output_tokens,' +
			" cost_usd, latency_ms, created_at) values (7, 'sales', 'other', 'low', 'neutral', 'en'," +
			" 0.5, false, $1, '{}', 'm', 1, 1, 0, 1, now() - make_interval(mins => $2))",
		[outcome, minutesAgo],
	);
}

describe('ledger gauges', () => {
	let db: TestDatabase;
	let pool: pg.Pool;

	before(async () => {
		db = await createTestDatabase();
		pool = db.pool();
		await migrate(pool);
	});
	after(async () => db.drop());
	beforeEach(async () => {
		await pool.query('truncate sb_inbound_events, sb_ai_decisions, sb_meta_events cascade');
	});

	it('should report no lag, no dead letters and zero decisions on an empty ledger', async () => {
		const metrics = createGatewayMetrics();
		await collectLedgerGauges(pool, metrics.ledger);
		assert.equal(metrics.ledger.up.get(), 1);
		assert.equal(metrics.ledger.waiting.get({ queue: 'chatwoot' }), 0);
		assert.equal(metrics.ledger.oldestWaiting.get({ queue: 'chatwoot' }), 0);
		assert.equal(metrics.ledger.deadLetters.get({ queue: 'chatwoot' }), 0);
		assert.equal(metrics.ledger.decisions.get({ outcome: 'fallback' }), 0);
	});

	it('should show the oldest waiting message, the open dead letters and recent fallbacks', async () => {
		await inbound(pool, 'pending', 1, 1);
		await inbound(pool, 'forwarding', 10, 2);
		await inbound(pool, 'done', 60, 3);
		await inbound(pool, 'dead', 120, 4);
		await inbound(pool, 'dead', 130, 5);
		await decision(pool, 'fallback', 2);
		await decision(pool, 'auto_replied', 3);
		await decision(pool, 'fallback', 40); // outside the 15-minute window

		const metrics = createGatewayMetrics();
		await collectLedgerGauges(pool, metrics.ledger);
		const { ledger } = metrics;
		assert.equal(ledger.waiting.get({ queue: 'chatwoot' }), 2);
		const lag = ledger.oldestWaiting.get({ queue: 'chatwoot' });
		assert.ok(lag >= 600 && lag < 660, `lag ${lag}`);
		assert.equal(ledger.deadLetters.get({ queue: 'chatwoot' }), 2);
		assert.equal(ledger.deadLetters.get({ queue: 'meta' }), 0);
		assert.equal(ledger.decisions.get({ outcome: 'fallback' }), 1);
		assert.equal(ledger.decisions.get({ outcome: 'auto_replied' }), 1);

		// A replayed dead letter and a forwarded message leave the gauges at the next scrape.
		await pool.query("update sb_inbound_events set status = 'done' where id <> 1");
		await collectLedgerGauges(pool, ledger);
		assert.equal(ledger.deadLetters.get({ queue: 'chatwoot' }), 0);
		assert.equal(ledger.waiting.get({ queue: 'chatwoot' }), 1);
		assert.ok(ledger.oldestWaiting.get({ queue: 'chatwoot' }) < 120);
	});

	it('should say the ledger is down, never throw, when the query fails', async () => {
		const metrics = createGatewayMetrics();
		const broken = {
			query: () => Promise.reject(new Error('connection refused')),
		} as unknown as pg.Pool;
		await collectLedgerGauges(broken, metrics.ledger);
		assert.equal(metrics.ledger.up.get(), 0);
		assert.match(metrics.registry.render(), /^sb_gateway_ledger_up 0$/m);
	});
});
