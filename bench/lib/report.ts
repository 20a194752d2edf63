// The benchmark's results as one JSON document and a short markdown summary.
import type { EndToEndResult } from './end-to-end.ts';
import type { RunResult } from './http-load.ts';
import { formatMs } from './stats.ts';

export interface MemoryPhase {
	beforeMiB: number;
	peakMiB: number;
	afterMiB: number;
}

/** A run, and what it cost: CPU of the target's processes and how busy the machine was. */
export interface MeasuredRun extends RunResult {
	/**
	 * Messages the target took on in the run, whether or not it answered in time: the gateway's new
	 * ledger rows, n8n's saved executions of the peer workflow.
	 */
	handled: number;
	/**
	 * CPU the target's process group spent from the start of the run until it had finished the
	 * run's work (the gateway's forwarding, n8n's executions), per message handled, ms.
	 */
	targetCpuMsPerMessage: number | null;
	/** False when the run's work was still going when we moved on (see settleMs). */
	settled: boolean;
	/** Cores the whole machine kept busy during the run (ours and anyone else's). */
	machineBusyCores: number;
	/** How long after the run the target took to finish its work and go quiet. */
	settleMs: number;
}

export type StepRun = MeasuredRun | { skipped: string };

export interface OpenLoopStep {
	rate: number;
	/** Which target ran first in this step (alternated, so neither always gets the quieter machine). */
	order: string[];
	gateway: StepRun;
	n8n: StepRun;
}

export interface Target {
	what: string;
	value: number | null;
	limit: number;
	met: boolean;
}

export interface BenchResults {
	startedAt: string;
	durationS: number;
	machine: Record<string, string | number>;
	settings: Record<string, unknown>;
	/** The 1-minute load average before the stack started, and when the measurements ended. */
	load: { before: number; after: number };
	warmup: RunResult[];
	openLoop: OpenLoopStep[];
	closedLoop: { gateway: MeasuredRun; n8n: MeasuredRun };
	/** The same run on each n8n topology: queue mode with 1 and 2 workers, regular mode. */
	endToEnd: Array<{ topology: string; result: EndToEndResult | { error: string } }>;
	memory: { benchGateway: MemoryPhase; e2eGateway: MemoryPhase; n8n: MemoryPhase };
	ledger: { status: Record<string, number>; sink: { batches: number; messages: number } };
	targets: { ackP99At200: Target; throughputVsN8n: Target };
}

const rps = (run: RunResult) => run.achievedRps.toFixed(0);
const cpu = (run: MeasuredRun) =>
	run.targetCpuMsPerMessage === null
		? '–'
		: `${run.targetCpuMsPerMessage.toFixed(1)}${run.settled ? '' : '*'}`;
const stepCells = (run: StepRun) =>
	'skipped' in run
		? ['–', '–', '–', '–', '–']
		: [
				rps(run),
				formatMs(run.latency.p50),
				formatMs(run.latency.p99),
				String(run.latency.failed),
				cpu(run),
			];

export function markdownReport(r: BenchResults): string {
	const lines: string[] = [];
	const s = r.settings as {
		stepMs: number;
		timeoutMs: number;
		maxSockets: number;
		concurrency: number;
		closedMs: number;
	};
	lines.push(
		`# switchboard bench, ${r.startedAt} (${r.machine.cpus} cores, ${r.durationS.toFixed(0)} s)`,
	);
	lines.push('');
	lines.push(
		`Load average ${r.load.before.toFixed(1)} before the stack started, ${r.load.after.toFixed(1)} at the end. ` +
			'"machine busy" is cores in use during the run, by anything; CPU ms/msg is the target\'s own ' +
			"process group (n8n: main + task runner), until it had finished the run's work; Postgres not counted.",
	);
	lines.push('');
	lines.push(
		`## Webhook ack, open loop (${s.stepMs / 1000} s per step, ≤${s.maxSockets} connections, timeout ${s.timeoutMs / 1000} s, ms)`,
	);
	lines.push('');
	lines.push(
		'| offered/s | gateway ok/s | p50 | p99 | failed | CPU ms/msg | n8n ok/s | p50 | p99 | failed | CPU ms/msg | machine busy | our lag p99 |',
	);
	lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
	for (const step of r.openLoop) {
		const both = (cell: (run: MeasuredRun) => string) =>
			[step.gateway, step.n8n].map((run) => ('skipped' in run ? '–' : cell(run))).join(' / ');
		const busy = both((run) => run.machineBusyCores.toFixed(1));
		const lag = both((run) => run.generatorLagP99Ms.toFixed(0));
		lines.push(
			`| ${[step.rate, ...stepCells(step.gateway), ...stepCells(step.n8n), busy, lag].join(' | ')} |`,
		);
	}
	const skipped = r.openLoop.flatMap((step) =>
		[step.gateway, step.n8n].flatMap((run) => ('skipped' in run ? [run.skipped] : [])),
	);
	if (skipped.length > 0) lines.push('', `Not run: ${[...new Set(skipped)].join('; ')}.`);
	lines.push(
		'',
		'`*`: the target was still working off the run when we moved on; its CPU figure is low. ' +
			'"our lag": how late this process sent requests (the machine is shared); it is part of the ' +
			'latencies, which count from when each request was due.',
	);
	lines.push('');
	lines.push(
		`## Max throughput, closed loop (${s.concurrency} connections, ${s.closedMs / 1000} s)`,
	);
	lines.push('');
	lines.push('| target | ok/s | p50 ms | p99 ms | failed | CPU ms/msg | machine busy |');
	lines.push('|---|---:|---:|---:|---:|---:|---:|');
	for (const run of [r.closedLoop.gateway, r.closedLoop.n8n]) {
		lines.push(
			`| ${run.target} | ${rps(run)} | ${formatMs(run.latency.p50)} | ${formatMs(run.latency.p99)} | ${run.latency.failed} | ${cpu(run)} | ${run.machineBusyCores.toFixed(1)} |`,
		);
	}
	lines.push('');
	lines.push('## End to end through workflow 01 (Anthropic simulator answering at once)');
	lines.push('');
	lines.push(
		'msgs/s: from first send to last reply (includes the 3 s debounce); pace: between first and ' +
			'last reply; latency: from each message to its reply.',
	);
	lines.push('');
	lines.push('| n8n | replied | msgs/s | pace/s | wall s | latency p50 ms | p99 ms | outcomes |');
	lines.push('|---|---:|---:|---:|---:|---:|---:|---|');
	for (const { topology, result: e } of r.endToEnd) {
		lines.push(
			'error' in e
				? `| ${topology} | failed: ${e.error} | | | | | | |`
				: `| ${topology} | ${e.replied}/${e.messages} | ${e.messagesPerSecond.toFixed(2)} | ` +
						`${e.replyPacePerSecond.toFixed(2)} | ${(e.wallMs / 1000).toFixed(1)} | ` +
						`${formatMs(e.replyLatency.p50)} | ${formatMs(e.replyLatency.p99)} | ${JSON.stringify(e.outcomes)} |`,
		);
	}
	lines.push('');
	lines.push('## Memory (RSS of the process group, MiB)');
	lines.push('');
	lines.push('| process | before | peak | after |');
	lines.push('|---|---:|---:|---:|');
	const mem = (name: string, m: MemoryPhase) =>
		lines.push(`| ${name} | ${m.beforeMiB} | ${m.peakMiB} | ${m.afterMiB} |`);
	mem('gateway (ack runs)', r.memory.benchGateway);
	mem('gateway (end to end)', r.memory.e2eGateway);
	mem('n8n (whole run)', r.memory.n8n);
	lines.push('');
	lines.push('## Targets');
	lines.push('');
	for (const t of [r.targets.ackP99At200, r.targets.throughputVsN8n]) {
		const value = t.value === null ? 'n/a' : Number.isFinite(t.value) ? t.value.toFixed(2) : 'fail';
		lines.push(`- ${t.what}: ${value} (target ${t.limit}) — ${t.met ? 'met' : 'MISSED'}`);
	}
	return lines.join('\n');
}
