import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { databaseUrl } from '../../../../scripts/lib/postgres.ts';
import { forwardBatchSchema } from '../../pipeline/inbound-batch.ts';
import { ADMIN_DATABASE_URL, FORWARD_SECRET, useGatewayFixture, waitFor } from '../test-support.ts';
import { SWITCHBOARD_SECRET_HEADER } from '../../common/headers.ts';

const run = promisify(execFile);
const cli = new URL('../cli.ts', import.meta.url).pathname;

describe('forwarder', () => {
	const fx = useGatewayFixture();

	const runCli = async (...args: string[]) => {
		const env = { ...process.env, DATABASE_URL: databaseUrl(ADMIN_DATABASE_URL, fx.db.name) };
		try {
			const { stdout } = await run(process.execPath, [cli, 'dead-letters', ...args], { env });
			return { code: 0, stdout };
		} catch (error) {
			const failed = error as { code: number; stdout: string; stderr: string };
			return { code: failed.code, stdout: failed.stdout + failed.stderr };
		}
	};

	it('should send n8n one batch, with the shared secret, carrying a burst of five in order', async () => {
		const gw = await fx.start({
			env: { GATEWAY_DEBOUNCE_MS: '1500', GATEWAY_DEBOUNCE_MAX_MS: '30000' },
		});
		await fx.pointBotAt(gw);
		const sent: number[] = [];
		for (const text of ['one', 'two', 'three', 'four', 'five']) {
			sent.push((await fx.customerWrites('+5215512345678', text)).messageId);
		}
		await waitFor('the forward', () => fx.n8n.forwards.length > 0);
		await waitFor('every row done', async () =>
			(await fx.ledger()).every((r) => r.status === 'done'),
		);

		assert.equal(fx.n8n.forwards.length, 1);
		const [forward] = fx.n8n.forwards;
		assert.equal(forward?.headers[SWITCHBOARD_SECRET_HEADER.toLowerCase()], FORWARD_SECRET);
		const batch = forwardBatchSchema.parse(forward?.batch);
		assert.deepEqual(
			batch.messages.map((m) => [m.messageId, m.content, m.source]),
			sent.map((id, i) => [id, ['one', 'two', 'three', 'four', 'five'][i], 'agent_bot']),
		);
		assert.deepEqual(
			batch.ledgerIds,
			(await fx.ledger()).map((row) => row.id),
		);
		assert.equal(batch.inboxId, 1);
		assert.equal(batch.messages[0]?.sender?.phoneNumber, '+5215512345678');
		assert.equal(gw.gateway.metrics.forwarded.get(), 5);
		assert.equal(gw.gateway.metrics.forwardedBatches.get(), 1);
	});

	it('should retry while n8n is down and deliver everything once when it is back', async () => {
		const gw = await fx.start({ env: { GATEWAY_FORWARD_MAX_ATTEMPTS: '1000' } });
		await fx.pointBotAt(gw);
		await fx.n8n.down();
		const ids = [];
		for (const from of ['+5215500000001', '+5215500000002', '+5215500000003']) {
			ids.push((await fx.customerWrites(from, 'Hola')).messageId);
		}
		await waitFor('retries while down', () => gw.gateway.metrics.forwardRetries.get() >= 6);
		fx.n8n.respond = () => 503;
		await fx.n8n.up();
		await waitFor('5xx answers', () => fx.n8n.forwards.length >= 3);
		fx.n8n.respond = () => 200;
		await waitFor('every row done', async () =>
			(await fx.ledger()).every((r) => r.status === 'done'),
		);

		const accepted = fx.n8n.forwards.filter((_, i, all) => i >= all.length - 3);
		assert.deepEqual(
			accepted.flatMap((f) => f.batch.messages.map((m) => m.messageId)).sort(),
			[...ids].sort(),
		);
		assert.equal(gw.gateway.metrics.forwarded.get(), 3);
		assert.equal(gw.gateway.metrics.deadLettered.get(), 0);
	});

	it('should dead-letter after the attempt limit, and deliver after a replay from the CLI', async () => {
		fx.n8n.respond = () => 503;
		const gw = await fx.start({ env: { GATEWAY_FORWARD_MAX_ATTEMPTS: '3' } });
		await fx.pointBotAt(gw);
		const { messageId } = await fx.customerWrites('+5215512345678', 'Hola');
		await waitFor('the dead letter', async () => (await fx.ledger())[0]?.status === 'dead');

		assert.equal(fx.n8n.forwards.length, 3);
		assert.equal(gw.gateway.metrics.deadLettered.get(), 1);
		const warning = gw.logs.find((line) => line.message === 'gateway: dead-lettered a batch');
		assert.equal(warning?.level, 'warn');
		assert.equal(warning?.reason, 'n8n answered HTTP 503');
		const [row] = await fx.ledger();
		assert.ok(row);

		const listed = await runCli('list');
		assert.equal(listed.code, 0);
		assert.match(
			listed.stdout,
			new RegExp(`^${row.id}\\tagent_bot\\t\\d+\\t${messageId}\\t3\\t`, 'm'),
		);
		assert.match(listed.stdout, /n8n answered HTTP 503/);

		fx.n8n.respond = () => 200;
		const replayed = await runCli('replay', String(row.id));
		assert.equal(replayed.code, 0, replayed.stdout);
		assert.match(replayed.stdout, new RegExp(`replayed 1: ${row.id}`));
		await waitFor('the replayed row done', async () => (await fx.ledger())[0]?.status === 'done');
		assert.deepEqual(fx.n8n.messageIds().at(-1), messageId);
		assert.equal((await runCli('replay', '--all')).code, 1, 'nothing is left to replay');
		assert.match((await runCli('list')).stdout, /no dead letters/);
		assert.equal((await runCli('replay', 'abc')).code, 2);
	});

	it('should dead-letter at once when n8n refuses the request itself (401)', async () => {
		fx.n8n.respond = () => 401;
		const gw = await fx.start();
		await fx.pointBotAt(gw);
		await fx.customerWrites('+5215512345678', 'Hola');
		await waitFor('the dead letter', async () => (await fx.ledger())[0]?.status === 'dead');
		assert.equal(fx.n8n.forwards.length, 1);
		assert.equal(gw.gateway.metrics.forwardRetries.get(), 0);
	});

	it('should forward what a gateway left pending when it stopped, after a restart', async () => {
		const crashed = await fx.start({ loops: false });
		await fx.pointBotAt(crashed);
		const ids = [
			(await fx.customerWrites('+5215500000001', 'Hola')).messageId,
			(await fx.customerWrites('+5215500000002', 'Hola')).messageId,
		];
		await crashed.stop();
		assert.deepEqual(
			(await fx.ledger()).map((row) => row.status),
			['pending', 'pending'],
		);
		assert.equal(fx.n8n.forwards.length, 0);

		await fx.start();
		await waitFor('every row done', async () =>
			(await fx.ledger()).every((r) => r.status === 'done'),
		);
		assert.deepEqual(fx.n8n.messageIds().sort(), [...ids].sort());
	});

	it('should not forward a message twice when several gateways share the ledger', async () => {
		const gateways = await Promise.all([fx.start(), fx.start(), fx.start()]);
		await fx.pointBotAt(gateways[0]!);
		const ids = [];
		for (let i = 0; i < 12; i += 1) {
			ids.push(
				(await fx.customerWrites(`+52155000000${String(i).padStart(2, '0')}`, 'Hola')).messageId,
			);
		}
		await waitFor('every row done', async () => {
			const ledger = await fx.ledger();
			return ledger.length === 12 && ledger.every((r) => r.status === 'done');
		});
		assert.deepEqual(fx.n8n.messageIds().sort(), [...ids].sort());
		const total = gateways.reduce((sum, gw) => sum + gw.gateway.metrics.forwarded.get(), 0);
		assert.equal(total, 12);
	});
});
