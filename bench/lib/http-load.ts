// A small HTTP load generator for the webhook benchmarks. Open loop: requests leave on a fixed
// schedule whether or not earlier ones were answered, and each latency is counted from when the
// request was due, so a target (or a generator) that falls behind shows it instead of slowing the
// offered load down (coordinated omission). Closed loop: N connections, each sending its next request
// as soon as the previous one is answered, for the highest throughput the target sustains.
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { openLoopSchedule, ratePerSecond, summarize, type LatencySummary } from './stats.ts';

export interface PreparedRequest {
	headers: Record<string, string>;
	body: Buffer;
}

export interface LoadTarget {
	name: string;
	/** Full URL the POSTs go to. */
	url: string;
	/** A fresh request: built ahead of the run, so building costs nothing while it is timed. */
	prepare(): PreparedRequest;
	/** A short label for the answer, counted per run (e.g. "200 queued"); the status by default. */
	label?(status: number, body: string): string;
}

export interface RunResult {
	target: string;
	mode: 'open' | 'closed';
	/** Requests per second offered (open loop) or connections (closed loop). */
	offered: number;
	durationMs: number;
	sent: number;
	/** 2xx answers per second, over the run until its last answer arrived. */
	achievedRps: number;
	latency: LatencySummary;
	/** How the answers were labelled, with counts; errors as "timeout" or "error:<code>". */
	outcomes: Record<string, number>;
	/** How late the generator itself fired requests (ms past due): its own health check. */
	generatorLagP99Ms: number;
}

interface Answer {
	ok: boolean;
	label: string;
	endedAt: number;
}

function send(
	agent: Agent,
	target: LoadTarget,
	prepared: PreparedRequest,
	deadline: number,
): Promise<Answer> {
	return new Promise((resolve) => {
		const url = new URL(target.url);
		let settled = false;
		const finish = (ok: boolean, label: string) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			resolve({ ok, label, endedAt: performance.now() });
		};
		const req = request(
			{
				agent,
				host: url.hostname,
				port: url.port,
				path: url.pathname + url.search,
				method: 'POST',
				headers: { ...prepared.headers, 'content-length': String(prepared.body.length) },
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () => {
					const status = res.statusCode ?? 0;
					const body = Buffer.concat(chunks).toString('utf8');
					finish(status >= 200 && status < 300, target.label?.(status, body) ?? String(status));
				});
				res.on('error', (error: NodeJS.ErrnoException) => finish(false, `error:${error.code}`));
			},
		);
		const timer = setTimeout(
			() => {
				finish(false, 'timeout');
				req.destroy();
			},
			Math.max(0, deadline - performance.now()),
		);
		req.on('error', (error: NodeJS.ErrnoException) =>
			finish(false, `error:${error.code ?? 'unknown'}`),
		);
		req.end(prepared.body);
	});
}

function tally(outcomes: Record<string, number>, label: string): void {
	outcomes[label] = (outcomes[label] ?? 0) + 1;
}

export interface OpenLoopOptions {
	rate: number;
	durationMs: number;
	/** From when a request was due; a request still unanswered then counts as failed. */
	timeoutMs: number;
	/** Connections at most; requests beyond wait in the client's queue (and that wait is timed). */
	maxSockets: number;
}

export async function openLoop(target: LoadTarget, options: OpenLoopOptions): Promise<RunResult> {
	const schedule = openLoopSchedule(options.rate, options.durationMs);
	const prepared = schedule.map(() => target.prepare());
	const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets });
	const latencies = new Array<number>(schedule.length);
	const lags: number[] = [];
	const outcomes: Record<string, number> = {};
	const pending: Promise<void>[] = [];
	let lastOkAt = 0;
	const start = performance.now();
	const fire = (i: number) => {
		const due = start + schedule[i]!;
		lags.push(performance.now() - due);
		pending.push(
			send(agent, target, prepared[i]!, due + options.timeoutMs).then((answer) => {
				latencies[i] = answer.ok ? answer.endedAt - due : Number.POSITIVE_INFINITY;
				if (answer.ok) lastOkAt = Math.max(lastOkAt, answer.endedAt);
				tally(outcomes, answer.label);
			}),
		);
	};
	await new Promise<void>((resolve) => {
		let next = 0;
		const tick = () => {
			const now = performance.now() - start;
			while (next < schedule.length && schedule[next]! <= now) fire(next++);
			if (next >= schedule.length) {
				resolve();
				return;
			}
			setTimeout(tick, Math.max(0, schedule[next]! - (performance.now() - start)));
		};
		tick();
	});
	await Promise.all(pending);
	agent.destroy();
	const latency = summarize(latencies);
	return {
		target: target.name,
		mode: 'open',
		offered: options.rate,
		durationMs: options.durationMs,
		sent: schedule.length,
		achievedRps: ratePerSecond(latency.ok, Math.max(options.durationMs, lastOkAt - start)),
		latency,
		outcomes,
		generatorLagP99Ms: summarize(lags).p99 ?? 0,
	};
}

export interface ClosedLoopOptions {
	concurrency: number;
	durationMs: number;
	timeoutMs: number;
	/** Requests built before the clock starts: enough for the run at the rate you expect. */
	prebuild: number;
}

export async function closedLoop(
	target: LoadTarget,
	options: ClosedLoopOptions,
): Promise<RunResult> {
	const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
	const latencies: number[] = [];
	const outcomes: Record<string, number> = {};
	// Built ahead, so that building stays out of the timed requests; topped up in small chunks (a
	// long synchronous burst would delay the answers in flight and show up as their latency).
	let ready = Array.from({ length: options.prebuild }, () => target.prepare());
	const take = () => {
		if (ready.length === 0) ready = Array.from({ length: 16 }, () => target.prepare());
		return ready.pop()!;
	};
	let lastOkAt = 0;
	const start = performance.now();
	const end = start + options.durationMs;
	const worker = async () => {
		while (performance.now() < end) {
			const prepared = take();
			const sentAt = performance.now();
			const answer = await send(agent, target, prepared, sentAt + options.timeoutMs);
			latencies.push(answer.ok ? answer.endedAt - sentAt : Number.POSITIVE_INFINITY);
			if (answer.ok) lastOkAt = Math.max(lastOkAt, answer.endedAt);
			tally(outcomes, answer.label);
		}
	};
	await Promise.all(Array.from({ length: options.concurrency }, worker));
	agent.destroy();
	const latency = summarize(latencies);
	return {
		target: target.name,
		mode: 'closed',
		offered: options.concurrency,
		durationMs: options.durationMs,
		sent: latencies.length,
		achievedRps: ratePerSecond(latency.ok, Math.max(lastOkAt, end) - start),
		latency,
		outcomes,
		generatorLagP99Ms: 0,
	};
}
