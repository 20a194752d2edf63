// The Meta simulator in a process of its own, for bench/broadcasts.ts. In the bench's process it
// shared one event loop with the status receiver and its database writes: when that loop stalled, a
// second's sends waited in the socket, were stamped together, and the simulator's one-second bucket
// answered 130429 although the sender had kept the rate. Here it stamps sends as they arrive.
//
// The parent forks this file with the simulator's options (JSON) as the only argument, and talks
// over IPC: { ready: url } once listening; then { count }, { summary } and { idle } answer the
// requests of those names, and 'stop' ends it.
import { fork, type ChildProcess } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { listen } from '../../simulators/src/common/listen.ts';
import { createMetaSimulator, type MetaSimConfigInput } from '../../simulators/src/meta/index.ts';

/** What the bench reads back from the simulator after a run. */
export interface SimSummary {
	/** Accepted sends: number, recipient, when the simulator read them (ms). */
	messages: { phoneNumberId: string; to: string; createdAt: number }[];
	refused: Record<string, { throughput: number; pairRate: number }>;
	/** The simulator process's longest and p99 event-loop stall during the run, ms. */
	loopStallMs: { max: number; p99: number };
}

type Request = 'count' | 'summary' | 'idle' | 'stop';
type Reply = { ready: string } | { count: number } | { summary: SimSummary } | { idle: true };

export interface SimProcess {
	url: string;
	pid: number;
	/** Sends accepted so far. */
	accepted(): Promise<number>;
	summary(): Promise<SimSummary>;
	/** Resolves when every status webhook was delivered (false after `timeoutMs`). */
	idle(timeoutMs: number): Promise<boolean>;
	stop(): Promise<void>;
}

export async function startSimProcess(options: MetaSimConfigInput): Promise<SimProcess> {
	const child: ChildProcess = fork(import.meta.filename, [JSON.stringify(options)], {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const next = <K extends string>(key: K) =>
		new Promise<Extract<Reply, Record<K, unknown>>>((resolve, reject) => {
			const onMessage = (reply: Reply) => {
				if (!(key in reply)) return;
				child.off('message', onMessage);
				child.off('exit', onExit);
				resolve(reply as Extract<Reply, Record<K, unknown>>);
			};
			const onExit = (code: number | null) =>
				reject(new Error(`bench: the Meta simulator process exited (${code}) before "${key}"`));
			child.on('message', onMessage);
			child.once('exit', onExit);
		});
	const ask = (request: Request) => child.send(request);
	const { ready } = await next('ready');
	return {
		url: ready,
		pid: child.pid as number,
		async accepted() {
			const reply = next('count');
			ask('count');
			return (await reply).count;
		},
		async summary() {
			const reply = next('summary');
			ask('summary');
			return (await reply).summary;
		},
		async idle(timeoutMs) {
			const reply = next('idle').then(() => true);
			ask('idle');
			return Promise.race([
				reply,
				new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref()),
			]);
		},
		async stop() {
			if (child.exitCode !== null) return;
			const exited = new Promise((resolve) => child.once('exit', resolve));
			ask('stop');
			await exited;
		},
	};
}

async function main(): Promise<void> {
	const sim = createMetaSimulator(JSON.parse(process.argv[2] ?? '{}') as MetaSimConfigInput);
	const server = await listen(sim.app);
	const loop = monitorEventLoopDelay({ resolution: 10 });
	loop.enable();
	const send = (reply: Reply) => process.send?.(reply);
	process.on('message', (request: Request) => {
		if (request === 'count') {
			send({ count: sim.state.whatsapp.messages.size });
		} else if (request === 'summary') {
			const { messages, refused } = sim.state.whatsapp;
			send({
				summary: {
					messages: [...messages.values()].map((m) => ({
						phoneNumberId: m.phoneNumberId,
						to: m.to,
						createdAt: m.createdAt,
					})),
					refused: Object.fromEntries(refused),
					loopStallMs: {
						max: Math.round(loop.max / 1e6),
						p99: Math.round(loop.percentile(99) / 1e6),
					},
				},
			});
		} else if (request === 'idle') {
			void sim.state.webhooks.idle().then(() => send({ idle: true }));
		} else if (request === 'stop') {
			sim.stop();
			void server.close().then(() => process.exit(0));
		}
	});
	// The parent gone (a crashed bench): nothing else would stop this process.
	process.on('disconnect', () => process.exit(0));
	send({ ready: server.url });
}

if (process.argv[1] === import.meta.filename) await main();
