// The gateway's Meta route (/webhooks/meta) under WhatsApp status webhooks, side by side with its
// Chatwoot route (/webhooks/chatwoot) at the same rates, on the real gateway process and PostgreSQL.
// Target (issue #19): ack 1,000 webhooks/s with p99 under 50 ms, every status stored and applied.
//
//   bash scripts/with-node24 node bench/meta-route.ts [--quick] [--rates 250,500,1000] [--step-ms 10000]
//
// While a broadcast runs elsewhere (another process sending through the same gateway), point it at
// that gateway instead of starting one; only the Meta route is measured then:
//   … bench/meta-route.ts --gateway-url http://127.0.0.1:8080 --app-secret "$META_APP_SECRET" \
//       --database-url postgres://…/directus
// `--during-broadcast` runs bench/broadcasts.ts (one number, 10,000 recipients at 80/s: its sender
// process, the Meta simulator and the statuses' receiver) beside the steps, so the route is
// measured while a broadcast competes for the CPU, PostgreSQL and Redis; npm run bench does that.
// `--beside three` makes it three numbers × 10,000 (240 sends/s, about 720 statuses/s).
// Prints markdown on stdout, progress on stderr, and writes both to bench/results/*-meta-route.*.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { CHATWOOT_SIM_BOT_SECRET } from '../simulators/src/chatwoot/constants.ts';
import { startGatewayProcess, type GatewayHandle } from '../scripts/lib/gateway.ts';
import { ManagedProcess } from '../scripts/lib/managed-process.ts';
import { freePorts } from '../scripts/lib/ports.ts';
import { databaseUrl, dropDatabase, ensureDatabase } from '../scripts/lib/postgres.ts';
import { waitForHttp } from '../scripts/lib/wait-for-http.ts';
import { chatwootDeliveries } from './lib/chatwoot-deliveries.ts';
import { closedLoop, openLoop, type LoadTarget, type RunResult } from './lib/http-load.ts';
import { metaStatusDeliveries } from './lib/meta-deliveries.ts';
import {
	cpuSecondsOf,
	loadAverage,
	memoryOf,
	waitUntilQuiet,
	watchPeak,
} from './lib/proc-stats.ts';
import { formatMs } from './lib/stats.ts';

const { values: args } = parseArgs({
	options: {
		quick: { type: 'boolean', default: false },
		rates: { type: 'string' },
		'step-ms': { type: 'string' },
		'gateway-url': { type: 'string' },
		'app-secret': { type: 'string' },
		'database-url': { type: 'string' },
		'during-broadcast': { type: 'boolean', default: false },
		// One number (80 sends/s) beside, as npm run bench runs it, or three (240/s, the sender
		// process and its statuses at the scale the issue names).
		beside: { type: 'string', default: 'one' },
	},
});
const quick = args.quick ?? false;
const SETTINGS = {
	rates: args.rates ? args.rates.split(',').map(Number) : quick ? [200, 1000] : [250, 500, 1000],
	stepMs: Number(args['step-ms'] ?? (quick ? 4000 : 10_000)),
	timeoutMs: 5000,
	// Meta delivers concurrently (reference/meta.md §1.3); as many sockets as a busy Meta would open.
	maxSockets: 64,
	closedMs: quick ? 3000 : 6000,
	concurrency: 16,
	applyWaitMs: 120_000,
};
const say = (line: string) => process.stderr.write(`bench meta: ${line}\n`);
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Setup {
	metaUrl: string;
	chatwootUrl: string | null;
	appSecret: string;
	pool: pg.Pool | null;
	gatewayPid: number | null;
	stop(): Promise<void>;
}

async function ownGateway(): Promise<Setup> {
	const logDir = mkdtempSync(join(tmpdir(), 'sb-bench-meta-'));
	const [gatewayPort, sinkPort] = await freePorts(2);
	const database = `sbtest_benchmeta_${randomBytes(5).toString('hex')}`;
	await ensureDatabase(adminUrl, database);
	const url = databaseUrl(adminUrl, database);
	const pool = new pg.Pool({ connectionString: url, max: 2 });
	pool.on('error', () => undefined);
	// Stands in for both Chatwoot (the Meta route forwards to it) and n8n (the Chatwoot route's).
	const sink = new ManagedProcess({
		name: 'forward-sink',
		command: process.execPath,
		args: [join(import.meta.dirname, 'lib', 'forward-sink.ts'), String(sinkPort)],
		env: { PATH: process.env.PATH },
		cwd: logDir,
		logFile: join(logDir, 'sink.log'),
	});
	const sinkUrl = `http://127.0.0.1:${sinkPort}`;
	const appSecret = randomBytes(24).toString('base64url');
	let gateway: GatewayHandle | undefined;
	const stop = async () => {
		await gateway?.process.stop();
		await sink.stop();
		await pool.end().catch(() => undefined);
		await dropDatabase(adminUrl, database).catch(() => undefined);
	};
	try {
		await waitForHttp(`${sinkUrl}/healthz`, 'the sink', { timeoutMs: 20_000, process: sink });
		gateway = await startGatewayProcess({
			port: gatewayPort!,
			databaseUrl: url,
			n8nInboundUrl: `${sinkUrl}/webhook/switchboard-inbound`,
			forwardSecret: randomBytes(24).toString('base64url'),
			webhookSecrets: [CHATWOOT_SIM_BOT_SECRET],
			logFile: join(logDir, 'gateway.log'),
			cwd: logDir,
			// Production defaults otherwise.
			extraEnv: {
				GATEWAY_RECONCILE_INTERVAL_MS: '0',
				CHATWOOT_URL: sinkUrl,
				META_APP_SECRET: appSecret,
				META_WEBHOOK_VERIFY_TOKEN: randomBytes(12).toString('hex'),
				// e.g. --cpu-prof --cpu-prof-dir=/tmp/prof, to see where the gateway spends its time.
				...(process.env.BENCH_GATEWAY_NODE_OPTIONS
					? { NODE_OPTIONS: process.env.BENCH_GATEWAY_NODE_OPTIONS }
					: {}),
			},
		});
	} catch (error) {
		await stop();
		throw error;
	}
	say(`gateway up (logs in ${logDir})`);
	return {
		metaUrl: `${gateway.url}/webhooks/meta`,
		chatwootUrl: `${gateway.url}/webhooks/chatwoot`,
		appSecret,
		pool,
		gatewayPid: gateway.process.pid ?? null,
		stop,
	};
}

function externalGateway(): Setup {
	const appSecret = args['app-secret'];
	if (!appSecret)
		throw new Error("--gateway-url needs --app-secret (the gateway's META_APP_SECRET)");
	const pool = args['database-url']
		? new pg.Pool({ connectionString: args['database-url'], max: 2 })
		: null;
	pool?.on('error', () => undefined);
	return {
		metaUrl: `${args['gateway-url']!.replace(/\/+$/, '')}/webhooks/meta`,
		chatwootUrl: null,
		appSecret,
		pool,
		gatewayPid: null,
		stop: async () => {
			await pool?.end();
		},
	};
}

const labelled = (status: number, body: string) => {
	try {
		const outcome = (JSON.parse(body) as { data?: { outcome?: string } }).data?.outcome;
		return outcome ? `${status} ${outcome}` : String(status);
	} catch {
		return String(status);
	}
};

async function statusCounts(pool: pg.Pool | null) {
	if (!pool) return null;
	const { rows } = await pool.query<{
		stored: string;
		applied: string;
		forwarded: string;
		own: string;
	}>(
		"select count(*) as stored, count(applied_at) as applied, count(*) filter (where forward_state = 'done') as forwarded," +
			" count(*) filter (where drop_reason = 'own_send') as own from sb_meta_events where kind = 'status'",
	);
	const row = rows[0]!;
	return {
		stored: Number(row.stored),
		applied: Number(row.applied),
		forwarded: Number(row.forwarded),
		own: Number(row.own),
	};
}

/** How long after a run every stored status was applied (null: not within the wait). */
async function waitApplied(pool: pg.Pool | null): Promise<number | null> {
	if (!pool) return null;
	const started = Date.now();
	while (Date.now() - started < SETTINGS.applyWaitMs) {
		const counts = await statusCounts(pool);
		if (counts && counts.applied === counts.stored) return Date.now() - started;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	return null;
}

/** Until the Chatwoot route's ledger has forwarded everything (after its 3 s debounce). */
async function waitForwarded(pool: pg.Pool | null): Promise<void> {
	if (!pool) return;
	const started = Date.now();
	while (Date.now() - started < SETTINGS.applyWaitMs) {
		const { rows } = await pool.query<{ n: string }>(
			"select count(*) as n from sb_inbound_events where status in ('pending', 'forwarding')",
		);
		if (Number(rows[0]!.n) === 0) return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

interface Step {
	rate: number;
	meta: RunResult & { applyLagMs: number | null; cpuMsPerWebhook: number | null };
	chatwoot: (RunResult & { cpuMsPerWebhook: number | null }) | null;
}

const row = (run: RunResult | null) =>
	run
		? `${run.achievedRps.toFixed(0)} | ${formatMs(run.latency.p50)} | ${formatMs(run.latency.p99)} | ${run.latency.failed}`
		: '– | – | – | –';

/**
 * bench/broadcasts.ts in a child process, one number: resolves `sending` once the simulator has
 * accepted sends, and `done` with its markdown report when the broadcast finished.
 */
function broadcastBeside(
	recipients: number,
	numbers: 'one' | 'three',
): { sending: Promise<void>; done: Promise<string> } {
	const child = spawn(
		process.execPath,
		[
			join(import.meta.dirname, 'broadcasts.ts'),
			'--runs',
			numbers,
			...(numbers === 'one'
				? ['--recipients', String(recipients)]
				: ['--per-number', String(recipients)]),
			'--label',
			'during-meta-route',
		],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let report = '';
	child.stdout.on('data', (chunk: Buffer) => (report += chunk.toString('utf8')));
	const sending = new Promise<void>((resolve, reject) => {
		createInterface({ input: child.stderr }).on('line', (line) => {
			say(`(broadcast) ${line}`);
			if (/[1-9]\d* accepted/.test(line)) resolve();
		});
		child.once('exit', () => reject(new Error('the broadcast ended before it sent anything')));
	});
	const done = new Promise<string>((resolve, reject) => {
		child.once('exit', (code) =>
			code === 0 ? resolve(report) : reject(new Error(`bench/broadcasts.ts exited ${code}`)),
		);
	});
	return { sending, done };
}

async function main(): Promise<void> {
	const startedAt = new Date();
	const external = Boolean(args['gateway-url']);
	const setup = external ? externalGateway() : await ownGateway();
	const beside = args.beside === 'three' ? 'three' : 'one';
	const broadcast = args['during-broadcast']
		? broadcastBeside(quick ? 2_000 : 10_000, beside)
		: null;
	let broadcastFinished = false;
	if (broadcast) {
		void broadcast.done.then(
			() => (broadcastFinished = true),
			() => (broadcastFinished = true),
		);
		say('waiting for the broadcast beside to send');
		await broadcast.sending;
	}
	const loadBefore = loadAverage();
	try {
		const metaStatuses = metaStatusDeliveries(setup.appSecret, Date.now() % 1_000_000_000);
		const meta: LoadTarget = {
			name: 'meta',
			url: setup.metaUrl,
			prepare: () => metaStatuses.next(),
			label: labelled,
		};
		const chatwootFactory = chatwootDeliveries(CHATWOOT_SIM_BOT_SECRET, 1_000_000);
		const chatwoot: LoadTarget | null = setup.chatwootUrl
			? {
					name: 'chatwoot',
					url: setup.chatwootUrl,
					prepare: () => chatwootFactory.next(),
					label: labelled,
				}
			: null;
		const peak = setup.gatewayPid ? watchPeak(setup.gatewayPid) : null;
		const memoryBefore = setup.gatewayPid ? memoryOf(setup.gatewayPid).groupRssMiB : null;
		const quiet = () =>
			setup.gatewayPid ? waitUntilQuiet([setup.gatewayPid], { maxMs: 30_000 }) : Promise.resolve();
		const open = (target: LoadTarget, rate: number, durationMs = SETTINGS.stepMs) =>
			openLoop(target, {
				rate,
				durationMs,
				timeoutMs: SETTINGS.timeoutMs,
				maxSockets: SETTINGS.maxSockets,
			});

		say('warming up');
		await open(meta, 50, 2000);
		if (chatwoot) await open(chatwoot, 50, 2000);
		await waitApplied(setup.pool);
		await quiet();

		const steps: Step[] = [];
		for (const rate of SETTINGS.rates) {
			say(`meta route at ${rate}/s for ${SETTINGS.stepMs / 1000} s`);
			const cpuBefore = setup.gatewayPid ? cpuSecondsOf(setup.gatewayPid) : 0;
			const run = await open(meta, rate);
			const applyLagMs = await waitApplied(setup.pool);
			say(
				`meta ${rate}/s: ${run.achievedRps.toFixed(0)}/s ok, p50 ${formatMs(run.latency.p50)}, p99 ${formatMs(run.latency.p99)}, ` +
					`${run.latency.failed} failed, all applied ${applyLagMs === null ? 'NOT within the wait' : `${applyLagMs} ms after`} ${JSON.stringify(run.outcomes)}`,
			);
			await quiet();
			// Until the gateway went quiet: the statuses applied and forwarded, the messages forwarded.
			const cpuMsPer = (before: number, run: RunResult) =>
				setup.gatewayPid
					? ((cpuSecondsOf(setup.gatewayPid) - before) * 1000) / Math.max(run.latency.ok, 1)
					: null;
			const cpu = cpuMsPer(cpuBefore, run);
			let chatwootRun: (RunResult & { cpuMsPerWebhook: number | null }) | null = null;
			if (chatwoot) {
				say(`chatwoot route at ${rate}/s`);
				const chatwootCpuBefore = setup.gatewayPid ? cpuSecondsOf(setup.gatewayPid) : 0;
				const chatwootOpen = await open(chatwoot, rate);
				await waitForwarded(setup.pool);
				await quiet();
				chatwootRun = {
					...chatwootOpen,
					cpuMsPerWebhook: cpuMsPer(chatwootCpuBefore, chatwootOpen),
				};
				say(
					`chatwoot ${rate}/s: ${chatwootRun.achievedRps.toFixed(0)}/s ok, p50 ${formatMs(chatwootRun.latency.p50)}, ` +
						`p99 ${formatMs(chatwootRun.latency.p99)}, ${chatwootRun.latency.failed} failed`,
				);
			}
			steps.push({
				rate,
				meta: {
					...run,
					applyLagMs,
					cpuMsPerWebhook: cpu,
				},
				chatwoot: chatwootRun,
			});
		}
		const closed: Record<string, RunResult> = {};
		for (const target of [meta, chatwoot].filter((t): t is LoadTarget => t !== null)) {
			say(`closed loop, ${SETTINGS.concurrency} connections, ${target.name} route`);
			closed[target.name] = await closedLoop(target, {
				concurrency: SETTINGS.concurrency,
				durationMs: SETTINGS.closedMs,
				timeoutMs: SETTINGS.timeoutMs,
				prebuild: 8000,
			});
			await waitApplied(setup.pool);
			await quiet();
		}
		// Whether the broadcast outlasted the measurement (else the last steps ran without it).
		const broadcastThroughout = broadcast ? !broadcastFinished : null;
		const counts = await statusCounts(setup.pool);
		const okMeta =
			steps.reduce((sum, step) => sum + step.meta.latency.ok, 0) + (closed.meta?.latency.ok ?? 0);
		const at1000 = steps.find((step) => step.rate === 1000)?.meta;
		const results = {
			startedAt: startedAt.toISOString(),
			machine: { cpus: cpus().length, node: process.version, loadBefore, loadAfter: loadAverage() },
			settings: { ...SETTINGS, quick, external, duringBroadcast: broadcast !== null },
			broadcastThroughout,
			steps,
			closed,
			statuses: counts,
			memoryMiB: peak ? { before: memoryBefore, peak: peak.stop() } : null,
			target: {
				what: 'meta route p99 ack at 1,000 status webhooks/s, ms (every status stored and applied)',
				value: at1000?.latency.p99 ?? null,
				limit: 50,
				met:
					!!at1000 &&
					(at1000.latency.p99 ?? Infinity) < 50 &&
					at1000.applyLagMs !== null &&
					(!counts || counts.applied === counts.stored),
			},
		};
		const lines = [
			`# switchboard bench: Meta route vs Chatwoot route, ${results.startedAt} (${results.machine.cpus} cores)`,
			'',
			`Load average ${loadBefore} before, ${results.machine.loadAfter} after. Open loop, ${SETTINGS.stepMs / 1000} s per step, ≤${SETTINGS.maxSockets} connections, timeout ${SETTINGS.timeoutMs / 1000} s. ` +
				'Meta: one signed status webhook per POST (90 % of a broadcast: biz_opaque_callback_data sbd:…), each stored in sb_meta_events before the 200 and applied to the broadcast deliveries (applyDeliveryStatuses) after it. ' +
				'Chatwoot: signed agent-bot message_created, each written to the ledger before the 200 and forwarded to a sink.' +
				(broadcast
					? ` A broadcast ran beside the steps (bench/broadcasts.ts, ${beside === 'three' ? 'three numbers at 80/s each' : 'one number at 80/s'}, its own sender process, simulator and status receiver)${broadcastThroughout ? ' from the first step to the last' : ', but ended before the last step'}.`
					: ' No broadcast ran meanwhile.'),
			'',
			'| offered/s | meta ok/s | p50 ms | p99 ms | failed | all applied after | CPU ms/webhook | chatwoot ok/s | p50 ms | p99 ms | failed | CPU ms/webhook |',
			'|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
			...steps.map(
				(step) =>
					`| ${step.rate} | ${row(step.meta)} | ${step.meta.applyLagMs === null ? 'not within 120 s' : `${(step.meta.applyLagMs / 1000).toFixed(1)} s`} | ` +
					`${step.meta.cpuMsPerWebhook?.toFixed(2) ?? '–'} | ${row(step.chatwoot)} | ${step.chatwoot?.cpuMsPerWebhook?.toFixed(2) ?? '–'} |`,
			),
			'',
			`Closed loop (${SETTINGS.concurrency} connections, ${SETTINGS.closedMs / 1000} s): ` +
				Object.values(closed)
					.map(
						(run) =>
							`${run.target} ${run.achievedRps.toFixed(0)}/s, p99 ${formatMs(run.latency.p99)}`,
					)
					.join('; '),
			'',
			counts
				? `Statuses: ${counts.stored} stored (${okMeta} acknowledged in the runs, plus warm-up), ${counts.applied} applied, ` +
					`${counts.own} of them a broadcast's (not forwarded), ${counts.forwarded} forwarded to Chatwoot.`
				: 'Statuses: not counted (no --database-url).',
			results.memoryMiB
				? `Gateway memory (RSS): ${results.memoryMiB.before} MiB before, ${results.memoryMiB.peak} MiB peak.`
				: '',
			'',
			`Target: ${results.target.what}: ${formatMs(results.target.value)} (limit 50) — ${results.target.met ? 'met' : 'NOT met'}`,
		];
		if (broadcast) {
			say('waiting for the broadcast beside to finish');
			lines.push('', '## The broadcast beside', '', (await broadcast.done).trim());
		}
		const markdown = lines.join('\n');
		const dir = join(import.meta.dirname, 'results');
		mkdirSync(dir, { recursive: true });
		const base = join(
			dir,
			`${results.startedAt.replace(/[:.]/g, '-')}${quick ? '-quick' : ''}-meta-route`,
		);
		const json = JSON.stringify(
			results,
			(_key, value: unknown) =>
				typeof value === 'number' && !Number.isFinite(value) ? 'failed' : value,
			'\t',
		);
		writeFileSync(`${base}.json`, `${json}\n`);
		writeFileSync(`${base}.md`, `${markdown}\n`);
		process.stdout.write(`${markdown}\n`);
		say(`results in ${base}.json and .md`);
	} finally {
		await setup.stop();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
