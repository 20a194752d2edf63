// The gateway under the ack benchmark: its own process with production settings (3 s debounce,
// forwarder on), its own ledger database, and a sink standing in for n8n, so that forwarding
// thousands of benchmark messages neither runs workflow 01 nor loads the n8n we compare against.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { CHATWOOT_SIM_BOT_SECRET } from '../../simulators/src/chatwoot/constants.ts';
import { startGatewayProcess, type GatewayHandle } from '../../scripts/lib/gateway.ts';
import { ManagedProcess } from '../../scripts/lib/managed-process.ts';
import { INBOUND_WEBHOOK_PATH } from '../../scripts/lib/n8n-provision.ts';
import { freePorts } from '../../scripts/lib/ports.ts';
import { databaseUrl, dropDatabase, ensureDatabase } from '../../scripts/lib/postgres.ts';
import { waitForHttp } from '../../scripts/lib/wait-for-http.ts';

const SINK_ENTRY = join(import.meta.dirname, 'forward-sink.ts');

export interface BenchGateway {
	gateway: GatewayHandle;
	webhookUrl: string;
	/** Ledger rows not yet forwarded (pending or being forwarded). */
	unforwarded(): Promise<number>;
	/** Ledger rows by status. */
	ledgerStatus(): Promise<Record<string, number>>;
	/** What the sink has received. */
	sinkCounts(): Promise<{ batches: number; messages: number }>;
	/** Polls until everything queued was forwarded, up to `maxMs`. */
	drain(maxMs: number): Promise<{ waitedMs: number; drained: boolean }>;
	stop(): Promise<void>;
}

export async function startBenchGateway(options: {
	adminDatabaseUrl: string;
	logDir: string;
	cwd: string;
}): Promise<BenchGateway> {
	const [gatewayPort, sinkPort] = await freePorts(2);
	const database = `sbtest_bench_${randomBytes(5).toString('hex')}`;
	await ensureDatabase(options.adminDatabaseUrl, database);
	const url = databaseUrl(options.adminDatabaseUrl, database);
	const pool = new pg.Pool({ connectionString: url, max: 2 });
	pool.on('error', () => undefined);
	const sink = new ManagedProcess({
		name: 'forward-sink',
		command: process.execPath,
		args: [SINK_ENTRY, String(sinkPort)],
		env: { PATH: process.env.PATH },
		cwd: options.cwd,
		logFile: join(options.logDir, 'bench-forward-sink.log'),
	});
	const sinkUrl = `http://127.0.0.1:${sinkPort}`;
	let gateway: GatewayHandle | undefined;
	const stop = async () => {
		await gateway?.process.stop();
		await sink.stop();
		await pool.end().catch(() => undefined);
		await dropDatabase(options.adminDatabaseUrl, database).catch(() => undefined);
	};
	try {
		await waitForHttp(`${sinkUrl}/healthz`, 'the forward sink', {
			timeoutMs: 20_000,
			process: sink,
		});
		gateway = await startGatewayProcess({
			port: gatewayPort!,
			databaseUrl: url,
			n8nInboundUrl: `${sinkUrl}/${INBOUND_WEBHOOK_PATH}`,
			forwardSecret: randomBytes(24).toString('base64url'),
			webhookSecrets: [CHATWOOT_SIM_BOT_SECRET],
			logFile: join(options.logDir, 'bench-gateway.log'),
			cwd: options.cwd,
			// Production defaults otherwise; the reconciler has no Chatwoot to ask here.
			extraEnv: { GATEWAY_RECONCILE_INTERVAL_MS: '0' },
		});
	} catch (error) {
		await stop();
		throw error;
	}
	const unforwarded = async () =>
		Number(
			(
				await pool.query(
					"select count(*) as n from sb_inbound_events where status in ('pending', 'forwarding')",
				)
			).rows[0].n,
		);
	return {
		gateway,
		webhookUrl: `${gateway.url}/webhooks/chatwoot`,
		unforwarded,
		async ledgerStatus() {
			const { rows } = await pool.query<{ status: string; n: string }>(
				'select status, count(*) as n from sb_inbound_events group by status order by status',
			);
			return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
		},
		async sinkCounts() {
			const res = await fetch(`${sinkUrl}/healthz`);
			return (await res.json()) as { batches: number; messages: number };
		},
		async drain(maxMs) {
			const started = Date.now();
			while (Date.now() - started < maxMs) {
				if ((await unforwarded()) === 0) return { waitedMs: Date.now() - started, drained: true };
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
			return { waitedMs: Date.now() - started, drained: (await unforwarded()) === 0 };
		},
		stop,
	};
}
