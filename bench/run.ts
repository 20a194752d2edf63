// npm run bench: the gateway against n8n's own webhook on the real processes, on this machine;
// then the broadcast sender against the Meta simulator (bench/broadcasts.ts) and the gateway's Meta
// route beside its Chatwoot route while a broadcast runs (bench/meta-route.ts --during-broadcast).
// Prints a markdown summary on stdout, progress on stderr, and writes both to bench/results/.
// `--quick` runs a short version to try the harness (its figures mean little);
// `--only gateway,broadcasts,meta-route` runs some of the three (all by default).
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { gatewayEnvSchema } from '@switchboard/glue/gateway';
import { CHATWOOT_SIM_BOT_SECRET } from '../simulators/src/chatwoot/constants.ts';
import { startE2eStack, TEST_GATEWAY_ENV, type E2eStack } from '../test/e2e/stack.ts';
import { startBenchGateway, type BenchGateway } from './lib/bench-gateway.ts';
import { chatwootDeliveries } from './lib/chatwoot-deliveries.ts';
import { measureEndToEnd, warmEndToEnd } from './lib/end-to-end.ts';
import { closedLoop, openLoop, type LoadTarget, type RunResult } from './lib/http-load.ts';
import { countExecutions, publishN8nPeer } from './lib/n8n-peer.ts';
import {
	cpuSecondsOf,
	loadAverage,
	machineBusySeconds,
	memoryOf,
	waitUntilQuiet,
	watchPeak,
} from './lib/proc-stats.ts';
import {
	markdownReport,
	type BenchResults,
	type MeasuredRun,
	type MemoryPhase,
	type OpenLoopStep,
	type StepRun,
} from './lib/report.ts';

const quick = process.argv.includes('--quick');
const PARTS = ['gateway', 'broadcasts', 'meta-route'] as const;
const onlyAt = process.argv.indexOf('--only');
const only = new Set(
	onlyAt >= 0 ? (process.argv[onlyAt + 1] ?? '').split(',') : (PARTS as readonly string[]),
);
for (const part of only) {
	if (!(PARTS as readonly string[]).includes(part)) {
		throw new Error(`bench: --only takes ${PARTS.join(', ')}; "${part}" is none of them`);
	}
}
const SETTINGS = {
	rates: quick ? [10, 50, 200] : [10, 25, 50, 100, 200, 400],
	stepMs: quick ? 3000 : 6000,
	warmup: { rate: 10, durationMs: 2000 },
	// Chatwoot's WEBHOOK_TIMEOUT: an answer later than this is a failed delivery to Chatwoot.
	timeoutMs: 5000,
	// About what a Chatwoot's Sidekiq pool would have open at once. It also bounds how much a
	// saturated target is handed: beyond it requests wait in our queue (and that wait is timed).
	maxSockets: 32,
	concurrency: 16,
	closedMs: quick ? 3000 : 6000,
	// How long to wait for a target to finish a run's work (forwarding, executions) before the next.
	settleMaxMs: 20_000,
	e2eMessages: quick ? 10 : 30,
	e2eTimeoutMs: quick ? 60_000 : 90_000,
};
/**
 * A target that answered in time fewer than this share of a step's requests, or kept up with less
 * than this share of the offered rate, is saturated: it is not offered the higher rates.
 */
const SATURATED_BELOW = 0.9;
const RESULTS_DIR = join(import.meta.dirname, 'results');

/** The production defaults of the gateway settings the end-to-end tests shorten. */
const productionGatewaySettings = () =>
	Object.fromEntries(
		(Object.keys(TEST_GATEWAY_ENV) as Array<keyof typeof TEST_GATEWAY_ENV>).map((name) => [
			name,
			gatewayEnvSchema.shape[name].parse(undefined),
		]),
	);

const say = (line: string) => process.stderr.write(`bench: ${line}\n`);
const describeRun = (run: RunResult) =>
	`${run.target} ${run.mode === 'open' ? `${run.offered}/s` : `C=${run.offered}`}: ` +
	`${run.achievedRps.toFixed(0)}/s ok, p50 ${run.latency.p50?.toFixed(1)} ms, ` +
	`p99 ${run.latency.p99?.toFixed(1)} ms, ${run.latency.failed} failed ${JSON.stringify(run.outcomes)}`;

/** JSON has no Infinity: a percentile that fell on a failed request is written as "failed". */
const jsonValue = (_key: string, value: unknown) =>
	typeof value === 'number' && !Number.isFinite(value) ? 'failed' : value;

function gatewayTarget(bench: BenchGateway): LoadTarget {
	const deliveries = chatwootDeliveries(CHATWOOT_SIM_BOT_SECRET, 1_000_000);
	return {
		name: 'gateway',
		url: bench.webhookUrl,
		prepare: () => deliveries.next(),
		label(status, body) {
			try {
				const outcome = (JSON.parse(body) as { data?: { outcome?: string } }).data?.outcome;
				return outcome ? `${status} ${outcome}` : String(status);
			} catch {
				return String(status);
			}
		},
	};
}

function n8nTarget(webhookUrl: string): LoadTarget {
	// The same signed deliveries: n8n reads the same bytes the gateway does.
	const deliveries = chatwootDeliveries(CHATWOOT_SIM_BOT_SECRET, 50_000_000);
	return { name: 'n8n', url: webhookUrl, prepare: () => deliveries.next() };
}

const E2E_WORKFLOWS = ['01-inbound-message-triage.json', '03-whatsapp-lead-capture.json'];

/** A warm-up message, then SETTINGS.e2eMessages customers through workflow 01 on this stack. */
async function endToEndOn(
	topology: string,
	e2e: E2eStack,
): Promise<BenchResults['endToEnd'][number]> {
	say(`end to end, ${topology}: ${SETTINGS.e2eMessages} customer messages through workflow 01`);
	try {
		const warmMs = await warmEndToEnd(e2e, SETTINGS.e2eTimeoutMs);
		say(`warm-up message answered in ${(warmMs / 1000).toFixed(1)} s`);
		const result = await measureEndToEnd(e2e, {
			messages: SETTINGS.e2eMessages,
			timeoutMs: SETTINGS.e2eTimeoutMs,
		});
		say(
			`${result.replied}/${result.messages} replied, ${result.messagesPerSecond.toFixed(2)} msgs/s`,
		);
		return { topology, result };
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		say(`end to end failed: ${message}`);
		return { topology, result: { error: message } };
	}
}

/** A standalone bench in its own process: its markdown to our stdout, its progress to stderr. */
function runPart(script: string, extra: string[]): Promise<void> {
	const child = spawn(
		process.execPath,
		[join(import.meta.dirname, script), ...(quick ? ['--quick'] : []), ...extra],
		{ stdio: ['ignore', 'inherit', 'inherit'] },
	);
	return new Promise((resolve, reject) => {
		child.once('exit', (code) =>
			code === 0 ? resolve() : reject(new Error(`bench: ${script} exited with code ${code}`)),
		);
	});
}

async function main(): Promise<void> {
	if (only.has('gateway')) await gatewayBench();
	if (only.has('broadcasts')) {
		say(`broadcasts (bench/broadcasts.ts), load average ${loadAverage()}`);
		await runPart('broadcasts.ts', []);
	}
	if (only.has('meta-route')) {
		say(`Meta route while a broadcast runs (bench/meta-route.ts), load average ${loadAverage()}`);
		await runPart('meta-route.ts', ['--during-broadcast']);
	}
}

async function gatewayBench(): Promise<void> {
	const startedAt = new Date();
	const t0 = Date.now();
	const loadBefore = loadAverage();
	say(`starting the stack (n8n, Directus, gateway, simulators)${quick ? ' — quick mode' : ''}`);
	let e2e: E2eStack | undefined;
	let bench: BenchGateway | undefined;
	try {
		e2e = await startE2eStack({
			workflows: E2E_WORKFLOWS,
			// Production defaults, not the short timings the end-to-end tests use.
			gatewayEnv: {},
			// Queue mode as compose runs it; the end-to-end runs stop the second for a 1-worker figure.
			n8nWorkers: 2,
		});
		const n8nPid = e2e.stack.n8n.process.pid!;
		const e2eGatewayPid = e2e.gateway.process.pid!;
		say(`stack up in ${((Date.now() - t0) / 1000).toFixed(0)} s; publishing the n8n peer webhook`);
		const peer = await publishN8nPeer(e2e.stack.n8n);
		bench = await startBenchGateway({
			adminDatabaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
			logDir: e2e.stack.logDir,
			cwd: e2e.stack.logDir,
		});
		const benchGatewayPid = bench.gateway.process.pid!;
		const gateway = gatewayTarget(bench);
		const n8n = n8nTarget(peer.webhookUrl);
		const busy = [benchGatewayPid, n8nPid, e2eGatewayPid];
		const quiet = async (maxMs: number) => {
			const waited = await waitUntilQuiet(busy, { maxMs });
			if (!waited.quiet) say(`still busy after ${waited.waitedMs} ms; going on`);
			return waited.quiet;
		};

		const n8nBefore = memoryOf(n8nPid).groupRssMiB;
		const n8nPeak = watchPeak(n8nPid);
		const benchGatewayBefore = memoryOf(benchGatewayPid).groupRssMiB;
		const benchGatewayPeak = watchPeak(benchGatewayPid);
		await quiet(30_000);

		const pidOf = (target: LoadTarget) => (target === gateway ? benchGatewayPid : n8nPid);
		const ledgerRows = async () =>
			Object.values(await bench!.ledgerStatus()).reduce((sum, n) => sum + n, 0);
		const handledSoFar = (target: LoadTarget) =>
			target === gateway ? ledgerRows() : countExecutions(e2e!.stack.n8n, peer.workflowId);
		/**
		 * Runs, then waits (up to settleMaxMs) until the target has done the run's work: the gateway
		 * forwarded every message, n8n finished its executions. Its CPU is counted up to then.
		 */
		const measure = async (
			target: LoadTarget,
			run: () => Promise<RunResult>,
		): Promise<MeasuredRun> => {
			// Nothing left over from the last run: a backlog of forwards would load whichever target
			// runs next (it once overlapped n8n's closed-loop run).
			const leftover = await bench!.drain(60_000);
			if (!leftover.drained) say('the gateway still has messages to forward after 60 s; going on');
			await quiet(20_000);
			const handledBefore = await handledSoFar(target);
			const cpuBefore = cpuSecondsOf(pidOf(target));
			const busyBefore = machineBusySeconds();
			const started = Date.now();
			const result = await run();
			const busyCores = (machineBusySeconds() - busyBefore) / ((Date.now() - started) / 1000);
			const settleStarted = Date.now();
			let settled = true;
			if (target === gateway) {
				const drained = await bench!.drain(SETTINGS.settleMaxMs);
				if (!drained.drained) {
					say(`the gateway had ${await bench!.unforwarded()} messages left to forward; going on`);
					settled = false;
				}
			}
			const left = SETTINGS.settleMaxMs - (Date.now() - settleStarted);
			settled = (await quiet(Math.max(left, 1000))) && settled;
			const handled = (await handledSoFar(target)) - handledBefore;
			const measured: MeasuredRun = {
				...result,
				handled,
				targetCpuMsPerMessage: handled
					? ((cpuSecondsOf(pidOf(target)) - cpuBefore) * 1000) / handled
					: null,
				settled,
				machineBusyCores: busyCores,
				settleMs: Date.now() - settleStarted,
			};
			say(
				`${describeRun(measured)}; handled ${handled}, ${measured.targetCpuMsPerMessage?.toFixed(1)} CPU ms each, ` +
					`machine ${busyCores.toFixed(1)} cores busy, settled in ${measured.settleMs} ms`,
			);
			return measured;
		};

		say('warming up both targets');
		const warmup: RunResult[] = [];
		for (const target of [gateway, n8n]) {
			warmup.push(
				await measure(target, () =>
					openLoop(target, {
						...SETTINGS.warmup,
						timeoutMs: SETTINGS.timeoutMs,
						maxSockets: SETTINGS.maxSockets,
					}),
				),
			);
		}

		const openSteps: OpenLoopStep[] = [];
		const saturatedAt = new Map<string, number>();
		for (const [index, rate] of SETTINGS.rates.entries()) {
			const order = index % 2 === 0 ? [gateway, n8n] : [n8n, gateway];
			const runs: Record<string, StepRun> = {};
			for (const target of order) {
				const saturated = saturatedAt.get(target.name);
				if (saturated !== undefined) {
					runs[target.name] = { skipped: `${target.name} above ${saturated}/s (saturated there)` };
					continue;
				}
				say(`open loop ${rate}/s against ${target.name} for ${SETTINGS.stepMs / 1000} s`);
				const measured = await measure(target, () =>
					openLoop(target, {
						rate,
						durationMs: SETTINGS.stepMs,
						timeoutMs: SETTINGS.timeoutMs,
						maxSockets: SETTINGS.maxSockets,
					}),
				);
				runs[target.name] = measured;
				if (
					measured.latency.ok < measured.sent * SATURATED_BELOW ||
					measured.achievedRps < rate * SATURATED_BELOW
				) {
					saturatedAt.set(target.name, rate);
				}
			}
			openSteps.push({
				rate,
				order: order.map((target) => target.name),
				gateway: runs.gateway!,
				n8n: runs.n8n!,
			});
		}

		const closedRuns: Record<string, MeasuredRun> = {};
		for (const target of [n8n, gateway]) {
			say(`closed loop, ${SETTINGS.concurrency} connections, against ${target.name}`);
			closedRuns[target.name] = await measure(target, () =>
				closedLoop(target, {
					concurrency: SETTINGS.concurrency,
					durationMs: SETTINGS.closedMs,
					timeoutMs: SETTINGS.timeoutMs,
					prebuild: target === gateway ? 4000 : 500,
				}),
			);
		}
		const benchGatewayPeakMiB = benchGatewayPeak.stop();
		const benchGatewayAfter = memoryOf(benchGatewayPid).groupRssMiB;
		const ledger = { status: await bench.ledgerStatus(), sink: await bench.sinkCounts() };
		await bench.stop();
		bench = undefined;

		const e2eGatewayBefore = memoryOf(e2eGatewayPid).groupRssMiB;
		const e2eGatewayPeak = watchPeak(e2eGatewayPid);
		const endToEnd: BenchResults['endToEnd'] = [];
		await e2e.stack.stopN8nWorker(1);
		endToEnd.push(await endToEndOn('queue mode, 1 worker', e2e));
		await e2e.stack.startN8nWorker(1);
		endToEnd.push(await endToEndOn('queue mode, 2 workers', e2e));
		const e2eGatewayPeakMiB = e2eGatewayPeak.stop();
		await quiet(10_000);
		const memory: BenchResults['memory'] = {
			benchGateway: {
				beforeMiB: benchGatewayBefore,
				peakMiB: benchGatewayPeakMiB,
				afterMiB: benchGatewayAfter,
			},
			e2eGateway: {
				beforeMiB: e2eGatewayBefore,
				peakMiB: e2eGatewayPeakMiB,
				afterMiB: memoryOf(e2eGatewayPid).groupRssMiB,
			},
			n8n: {
				beforeMiB: n8nBefore,
				peakMiB: n8nPeak.stop(),
				afterMiB: memoryOf(n8nPid).groupRssMiB,
			} satisfies MemoryPhase,
		};

		const step200 = openSteps.find((step) => step.rate === 200)?.gateway;
		const at200 = step200 && !('skipped' in step200) ? step200.latency.p99 : null;
		const ratio = closedRuns.gateway!.achievedRps / closedRuns.n8n!.achievedRps;
		const results: BenchResults = {
			startedAt: startedAt.toISOString(),
			durationS: (Date.now() - t0) / 1000,
			machine: {
				cpus: cpus().length,
				cpuModel: cpus()[0]?.model ?? 'unknown',
				memoryGiB: Math.round(totalmem() / 2 ** 30),
				node: process.version,
				n8n: e2e.stack.n8n.version,
			},
			settings: {
				...SETTINGS,
				quick,
				gatewayUnderAckLoad:
					'own process, production defaults (3 s debounce, forwarder on, 4 batches in flight), ' +
					'own ledger database, forwarding to a sink process; reconciler off',
				gatewayEndToEnd: productionGatewaySettings(),
				deliveries:
					'signed agent-bot message_created, each a new message in its own pending conversation ' +
					'(nothing for the debounce to merge); the n8n peer gets the same bytes',
				n8nPeer: 'Webhook node 2.1, responseMode onReceived, no auth, default execution saving',
			},
			load: { before: loadBefore, after: loadAverage() },
			warmup,
			openLoop: openSteps,
			closedLoop: { gateway: closedRuns.gateway!, n8n: closedRuns.n8n! },
			endToEnd,
			memory,
			ledger,
			targets: {
				ackP99At200: {
					what: 'gateway p99 ack at 200 webhooks/s, ms',
					value: at200,
					limit: 50,
					met: at200 !== null && at200 < 50,
				},
				throughputVsN8n: {
					what: 'gateway closed-loop throughput / n8n webhook closed-loop throughput',
					value: ratio,
					limit: 0.8,
					met: ratio >= 0.8,
				},
			},
		};
		await e2e.stop();
		e2e = undefined;
		// n8n's regular mode beside queue mode: one process that takes webhooks and runs them.
		say('end to end on n8n in regular mode (a second stack)');
		e2e = await startE2eStack({ workflows: E2E_WORKFLOWS, gatewayEnv: {}, n8nMode: 'regular' });
		endToEnd.push(await endToEndOn('regular mode (one n8n process)', e2e));
		results.durationS = (Date.now() - t0) / 1000;

		const markdown = markdownReport(results);
		mkdirSync(RESULTS_DIR, { recursive: true });
		const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
		const base = join(RESULTS_DIR, `${stamp}${quick ? '-quick' : ''}`);
		writeFileSync(`${base}.json`, `${JSON.stringify(results, jsonValue, '\t')}\n`);
		writeFileSync(`${base}.md`, `${markdown}\n`);
		process.stdout.write(`${markdown}\n`);
		say(`results in ${base}.json and .md (${results.durationS.toFixed(0)} s in all)`);
	} finally {
		await bench?.stop();
		await e2e?.stop();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
