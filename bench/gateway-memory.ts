// npm run bench:gateway-memory: the gateway's resident memory through the ack benchmark's load
// (the same open-loop steps up to 400 webhooks/s, then the closed loop), without n8n or Directus:
// the gateway in its own process with production settings, forwarding to a sink. Samples RSS every
// 100 ms; prints and writes bench/results/<time>-gateway-memory.{json,md}.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHATWOOT_SIM_BOT_SECRET } from '../simulators/src/chatwoot/constants.ts';
import { GATEWAY_NODE_OPTIONS } from '../scripts/lib/gateway.ts';
import { startBenchGateway } from './lib/bench-gateway.ts';
import { chatwootDeliveries } from './lib/chatwoot-deliveries.ts';
import { closedLoop, openLoop, type LoadTarget, type RunResult } from './lib/http-load.ts';
import { loadAverage, memoryOf } from './lib/proc-stats.ts';

const RATES = [10, 25, 50, 100, 200, 400];
const STEP_MS = 6000;
const say = (line: string) => process.stderr.write(`bench: ${line}\n`);

async function main(): Promise<void> {
	const startedAt = new Date();
	const logDir = join(tmpdir(), `switchboard-gateway-memory-${process.pid}`);
	const bench = await startBenchGateway({
		adminDatabaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
		logDir,
		cwd: logDir,
	});
	try {
		const pid = bench.gateway.process.pid!;
		const deliveries = chatwootDeliveries(CHATWOOT_SIM_BOT_SECRET, 1_000_000);
		const target: LoadTarget = {
			name: 'gateway',
			url: bench.webhookUrl,
			prepare: () => deliveries.next(),
		};
		let peak = memoryOf(pid).rssMiB;
		const sampler = setInterval(() => {
			peak = Math.max(peak, memoryOf(pid).rssMiB);
		}, 100);
		const startMiB = memoryOf(pid).rssMiB;
		const rows: Array<{ run: string; result: RunResult; rssMiB: number; peakMiB: number }> = [];
		const record = async (run: string, result: RunResult) => {
			await bench.drain(20_000);
			rows.push({ run, result, rssMiB: memoryOf(pid).rssMiB, peakMiB: peak });
			say(
				`${run}: ${result.achievedRps.toFixed(0)}/s ok, RSS ${memoryOf(pid).rssMiB} MiB, peak ${peak}`,
			);
		};
		for (const rate of RATES) {
			const options = { rate, durationMs: STEP_MS, timeoutMs: 5000, maxSockets: 32 };
			await record(`open ${rate}/s`, await openLoop(target, options));
		}
		const closed = { concurrency: 16, durationMs: STEP_MS, timeoutMs: 5000, prebuild: 4000 };
		await record('closed, 16 connections', await closedLoop(target, closed));
		clearInterval(sampler);
		const results = {
			startedAt: startedAt.toISOString(),
			load: loadAverage(),
			nodeOptions: GATEWAY_NODE_OPTIONS,
			startMiB,
			peakMiB: peak,
			runs: rows.map(({ run, result, rssMiB, peakMiB }) => ({
				run,
				achievedRps: result.achievedRps,
				p99Ms: result.latency.p99,
				failed: result.latency.failed,
				rssMiB,
				peakMiB,
			})),
		};
		const markdown = [
			`# Gateway memory under the ack benchmark's load, ${results.startedAt}`,
			'',
			`NODE_OPTIONS \`${GATEWAY_NODE_OPTIONS}\`; load average ${results.load} at the end ` +
				'(the machine is shared). RSS of the gateway process, MiB.',
			'',
			`Start ${startMiB}, **peak ${peak}**.`,
			'',
			'| run | ok/s | p99 ms | failed | RSS after | peak so far |',
			'|---|---:|---:|---:|---:|---:|',
			...results.runs.map(
				(run) =>
					`| ${run.run} | ${run.achievedRps.toFixed(0)} | ${run.p99Ms?.toFixed(1)} | ${run.failed} | ` +
					`${run.rssMiB} | ${run.peakMiB} |`,
			),
		].join('\n');
		const dir = join(import.meta.dirname, 'results');
		mkdirSync(dir, { recursive: true });
		const base = join(dir, `${startedAt.toISOString().replace(/[:.]/g, '-')}-gateway-memory`);
		writeFileSync(`${base}.json`, `${JSON.stringify(results, null, '\t')}\n`);
		writeFileSync(`${base}.md`, `${markdown}\n`);
		process.stdout.write(`${markdown}\n`);
	} finally {
		await bench.stop();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
