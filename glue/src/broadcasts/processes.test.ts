// Senders as separate processes on real PostgreSQL and Redis: two on one broadcast, and one killed
// with SIGKILL mid-send and replaced. Every recipient must be messaged exactly once.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { scheduleBroadcast, type BroadcastPlanInput, type BroadcastRunStatus } from './index.ts';
import {
	acceptedByRecipient,
	planOf,
	startHarness,
	TOKEN,
	type BroadcastHarness,
} from './test-support.ts';

const SCRIPT = new URL('./test-sender-process.ts', import.meta.url).pathname;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface SenderProcess {
	child: ChildProcess;
	/** Resolves with the first report in one of `statuses`. */
	reported(broadcastId: string, statuses: BroadcastRunStatus[]): Promise<void>;
}

describe('sender processes', () => {
	let h: BroadcastHarness;
	const planFile = join(tmpdir(), `h4-plans-${process.pid}.json`);
	const plans: Record<string, BroadcastPlanInput> = {};
	const children: ChildProcess[] = [];

	before(async () => {
		h = await startHarness();
	});
	after(async () => {
		for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
		await h.close();
	});

	async function spawnSender(rate: number): Promise<SenderProcess> {
		const child = spawn(process.execPath, [SCRIPT], {
			env: {
				...process.env,
				SB_DB_URL: h.connectionString,
				SB_REDIS_PREFIX: h.keyPrefix,
				SB_META_URL: h.simUrl,
				SB_META_TOKEN: TOKEN,
				SB_PLAN_FILE: planFile,
				SB_RATE: String(rate),
				SB_LEASE_MS: '3000',
				SB_SETTLE_MS: '3000',
			},
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		children.push(child);
		const reports: { broadcastId: string; status: BroadcastRunStatus }[] = [];
		const listeners: (() => void)[] = [];
		let ready: () => void = () => undefined;
		const started = new Promise<void>((resolve) => (ready = resolve));
		createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
			const message = JSON.parse(line) as {
				ready?: number;
				report?: { broadcastId: string; status: BroadcastRunStatus };
			};
			if (message.ready) ready();
			if (message.report) reports.push(message.report);
			for (const listener of listeners) listener();
		});
		await started;
		return {
			child,
			reported: (broadcastId, statuses) =>
				new Promise((resolve) => {
					const check = () => {
						if (reports.some((r) => r.broadcastId === broadcastId && statuses.includes(r.status)))
							resolve();
					};
					listeners.push(check);
					check();
				}),
		};
	}

	function schedule(plan: BroadcastPlanInput) {
		plans[String(plan.broadcastId)] = plan;
		writeFileSync(planFile, JSON.stringify(plans));
		return scheduleBroadcast(h.jobs, String(plan.broadcastId), new Date());
	}

	function assertOnce(firstPhone: number, count: number) {
		const accepted = acceptedByRecipient(h.sim);
		const wrong: string[] = [];
		for (let i = 0; i < count; i += 1) {
			const phone = String(firstPhone + i);
			if (accepted.get(phone) !== 1) wrong.push(`${phone}: ${accepted.get(phone) ?? 0}`);
		}
		assert.deepEqual(wrong, [], 'every recipient messaged exactly once');
	}

	it('should never send one delivery twice with two sender processes on one broadcast', async () => {
		const a = await spawnSender(150);
		const b = await spawnSender(150);
		await schedule(planOf('two', 300, {}, 34_610_000_001));
		await Promise.race([a.reported('two', ['sent']), b.reported('two', ['sent'])]);
		assertOnce(34_610_000_001, 300);
		a.child.kill('SIGTERM');
		b.child.kill('SIGTERM');
	});

	it('should message every recipient exactly once when a sender is killed mid-send and replaced', async () => {
		const first = await spawnSender(80);
		await schedule(planOf('killed', 300, {}, 34_620_000_001));
		const inThisBroadcast = () =>
			[...acceptedByRecipient(h.sim).keys()].filter((p) => p.startsWith('3462')).length;
		while (inThisBroadcast() < 100) await sleep(20);
		first.child.kill('SIGKILL');
		const killedAt = inThisBroadcast();
		assert.ok(killedAt < 300, 'killed mid-send');
		const second = await spawnSender(80);
		await second.reported('killed', ['sent']);
		assertOnce(34_620_000_001, 300);
		const counts = await h.pool.query<{ n: string }>(
			`select count(*) as n from sb_broadcast_deliveries
			 where broadcast_id = 'killed' and state in ('sent', 'delivered', 'read')`,
		);
		assert.equal(Number(counts.rows[0]?.n), 300);
		second.child.kill('SIGTERM');
	});
});
