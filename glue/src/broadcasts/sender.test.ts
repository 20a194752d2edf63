// The sender against real PostgreSQL and Redis and the Meta simulator (statuses come back as signed
// webhooks to a receiver that applies them, as the gateway does).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
	cancelBroadcast,
	deliveryCounts,
	isSuppressed,
	scheduleBroadcast,
	startBroadcastSender,
	suppress,
	type BroadcastSender,
	type BroadcastSenderOptions,
} from './index.ts';
import { resumeRun } from './deliveries.ts';
import {
	acceptedByRecipient,
	planOf,
	startHarness,
	TOKEN,
	type BroadcastHarness,
} from './test-support.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(test: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	while (!(await test())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(50);
	}
}

function senderFor(h: BroadcastHarness, overrides: Partial<BroadcastSenderOptions> = {}) {
	return startBroadcastSender({
		pool: h.pool,
		redis: h.redis,
		jobs: h.jobs,
		whatsapp: h.meta.whatsapp,
		store: h.store,
		keyPrefix: h.keyPrefix,
		ratePerSecond: 200,
		leaseMs: 3_000,
		settleMs: 3_000,
		retryPolicy: { attempts: 4, baseDelayMs: 100, maxDelayMs: 1_000 },
		pollMs: 100,
		...overrides,
	});
}

async function deliveriesOf(h: BroadcastHarness, broadcastId: string) {
	const result = await h.pool.query<{
		recipient_id: string;
		phone: string;
		state: string;
		error_code: number | null;
		attempts: number;
		wamid: string | null;
	}>(
		`select recipient_id, phone, state, error_code, attempts, wamid from sb_broadcast_deliveries
		 where broadcast_id = $1 order by id`,
		[broadcastId],
	);
	return new Map(result.rows.map((r) => [r.recipient_id, r]));
}

describe('broadcast sender', () => {
	let h: BroadcastHarness;

	/** Each test runs its own sender (its settings differ), stopped before the next one starts. */
	async function withSender(overrides: Partial<BroadcastSenderOptions>, fn: () => Promise<void>) {
		const sender: BroadcastSender = await senderFor(h, overrides);
		try {
			await fn();
		} finally {
			await sender.stop();
		}
	}

	before(async () => {
		h = await startHarness({
			timeoutMs: 700,
			sim: {
				whatsapp: {
					recipientFailures: [
						{ to: '34600000101', code: 131049, mode: 'async' },
						{ to: '34600000102', code: 131050, mode: 'sync' },
						{ to: '34600000103', code: 131026, mode: 'async' },
						{ to: '34600000104', code: 131047, mode: 'sync', times: 1 },
						{ to: '34600000105', code: 131000, times: 2 },
						{ to: '34600000106', code: 2, times: 1 },
						{ to: '34600000107', code: 131050, mode: 'async' },
						{ to: '34600000108', code: 131047, mode: 'async', times: 1 },
					],
				},
			},
		});
	});

	after(async () => {
		await h.close();
	});

	it('should start a scheduled broadcast at its time, not before, and send each recipient once', async () => {
		await withSender({}, async () => {
			const at = new Date(Date.now() + 1_500);
			h.store.plans.set('exact', planOf('exact', 20, { scheduledAt: at }));
			assert.equal(await scheduleBroadcast(h.jobs, 'exact', at), true);
			assert.equal(
				await scheduleBroadcast(h.jobs, 'exact', at),
				false,
				'scheduling twice is a no-op',
			);
			const processing = await h.store.waitFor('exact', ['processing']);
			const started = await h.pool.query<{ started_at: Date }>(
				'select started_at from sb_broadcast_runs where broadcast_id = $1',
				['exact'],
			);
			const startedAt = started.rows[0]?.started_at as Date;
			assert.ok(startedAt.getTime() >= at.getTime(), 'started at or after its time');
			// Within pg-boss's 0.5 s poll of its time, plus the plan's insert (the bound is 1 s).
			assert.ok(
				startedAt.getTime() - at.getTime() < 1_000,
				`started ${startedAt.getTime() - at.getTime()} ms late`,
			);
			assert.equal(
				processing.counts.queued + processing.counts.sending + processing.counts.sent >= 1,
				true,
			);
			const done = await h.store.waitFor('exact', ['sent']);
			assert.equal(done.counts.total, 20);
			const accepted = acceptedByRecipient(h.sim);
			for (let i = 1; i <= 20; i += 1) assert.equal(accepted.get(String(34_600_000_000 + i)), 1);
		});
	});

	it('should handle each error class Meta answers with as the issue says', async () => {
		await withSender({}, async () => {
			const plan = planOf('errors', 8, {}, 34_600_000_101);
			// The 131047 recipients get a free text with its template form as the fallback: Meta
			// refuses one at once (sync), and accepts the other, then fails it by webhook (async).
			for (const windowed of [plan.recipients[3], plan.recipients[7]]) {
				assert.ok(windowed);
				windowed.message = {
					kind: 'text',
					body: 'Hola',
					fallbackTemplate: { kind: 'template', name: 'hello_world', language: 'en_US' },
				};
			}
			h.store.plans.set('errors', plan);
			await scheduleBroadcast(h.jobs, 'errors', new Date());
			await h.store.waitFor('errors', ['partially_failed', 'sent', 'failed']);
			await h.sim.state.webhooks.idle();
			await until(async () => {
				const rows = await deliveriesOf(h, 'errors');
				return (
					rows.get('r1')?.state === 'failed' &&
					rows.get('r3')?.state === 'failed' &&
					rows.get('r7')?.state === 'failed'
				);
			}, 'the async failures');
			const rows = await deliveriesOf(h, 'errors');
			// 131049: failed, and not messaged again for 24 h.
			assert.equal(rows.get('r1')?.error_code, 131049);
			assert.equal(await isSuppressed(h.pool, '34600000101'), true);
			// 131050 (answered, or as a failed status): failed and suppressed for good.
			assert.equal(rows.get('r2')?.error_code, 131050);
			assert.equal(rows.get('r7')?.error_code, 131050);
			const forGood = await h.pool.query(
				`select phone from sb_suppressions where until is null and phone in ('34600000102', '34600000107')`,
			);
			assert.equal(forGood.rowCount, 2);
			// 131026: failed for good, not suppressed.
			assert.equal(rows.get('r3')?.error_code, 131026);
			assert.equal(await isSuppressed(h.pool, '34600000103'), false);
			// 131047: the template form went instead.
			assert.notEqual(rows.get('r4')?.state, 'failed');
			const toWindowed = [...h.sim.state.whatsapp.messages.values()].filter(
				(m) => m.to === '34600000104',
			);
			assert.deepEqual(
				toWindowed.map((m) => m.type),
				['template'],
			);
			// 131047 by webhook: the text failed, the template went once, and it was delivered.
			await until(async () => {
				const row = (await deliveriesOf(h, 'errors')).get('r8');
				return ['delivered', 'read'].includes(row?.state ?? '');
			}, 'the template form after the async 131047');
			const toLate = [...h.sim.state.whatsapp.messages.values()].filter(
				(m) => m.to === '34600000108',
			);
			assert.deepEqual(
				toLate.map((m) => m.type),
				['text', 'template'],
			);
			// 5xx (Meta's 131000 twice, then #2 transient once): retried with backoff, accepted once.
			assert.equal(acceptedByRecipient(h.sim).get('34600000105'), 1);
			assert.equal(rows.get('r5')?.attempts, 3);
			assert.equal(acceptedByRecipient(h.sim).get('34600000106'), 1);
			assert.ok(['sent', 'delivered', 'read'].includes(rows.get('r6')?.state ?? ''));
		});
	});

	it('should never send to someone who opted out between scheduling and sending', async () => {
		await withSender({}, async () => {
			const plan = planOf('optout', 5, {}, 34_600_000_201);
			h.store.plans.set('optout', plan);
			await scheduleBroadcast(h.jobs, 'optout', new Date(Date.now() + 1_000));
			await suppress(h.pool, '+34 600 000 203', 'keyword STOP');
			await h.store.waitFor('optout', ['sent']);
			const rows = await deliveriesOf(h, 'optout');
			assert.equal(rows.get('r3')?.state, 'skipped');
			assert.equal(acceptedByRecipient(h.sim).get('34600000203'), undefined);
			assert.equal(acceptedByRecipient(h.sim).get('34600000204'), 1);
		});
	});

	it('should stop within a second of a cancel and keep what was sent', async () => {
		const slow = await senderFor(h, { ratePerSecond: 40 });
		try {
			h.store.plans.set('cancel', planOf('cancel', 200, {}, 34_600_001_001));
			await scheduleBroadcast(h.jobs, 'cancel', new Date());
			// Status webhooks move a send on to delivered and read, so count every state past sending.
			const reachedSoFar = async () => {
				const counts = await deliveryCounts(h.pool, 'cancel');
				return counts.sent + counts.delivered + counts.read;
			};
			await until(async () => (await reachedSoFar()) >= 40, '40 sends');
			const result = await cancelBroadcast(h.pool, h.jobs, 'cancel');
			const cancelledAt = Date.now();
			assert.deepEqual(result, { unscheduled: false, stopped: true });
			const report = await h.store.waitFor('cancel', ['cancelled']);
			const sends = [...h.sim.state.whatsapp.messages.values()].filter((m) =>
				m.to.startsWith('3460000'),
			);
			const late = sends.filter((m) => m.to >= '34600001001' && m.createdAt > cancelledAt + 1_000);
			assert.equal(late.length, 0, 'nothing sent more than a second after the cancel');
			assert.ok(report.counts.cancelled > 0);
			const reached = report.counts.sent + report.counts.delivered + report.counts.read;
			const acceptedHere = sends.filter((m) => m.to >= '34600001001' && m.to <= '34600001200');
			assert.equal(reached, acceptedHere.length);
			assert.equal(reached + report.counts.cancelled, 200);
		} finally {
			await slow.stop();
		}
	});

	it('should settle a send whose answer was lost from the status webhooks, not send it again', async () => {
		await withSender({}, async () => {
			// The simulator sends the message but holds its answer past the client's 700 ms timeout.
			const res = await fetch(`${h.simUrl}/__sim/faults`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					method: 'POST',
					path: `/v23.0/${'106540352242922'}/messages`,
					after: true,
					delayMs: 1_500,
					times: 1,
				}),
			});
			assert.equal(res.status, 201);
			h.store.plans.set('lost', planOf('lost', 3, {}, 34_600_002_001));
			await scheduleBroadcast(h.jobs, 'lost', new Date());
			await h.store.waitFor('lost', ['sent']);
			const accepted = acceptedByRecipient(h.sim);
			for (const phone of ['34600002001', '34600002002', '34600002003']) {
				assert.equal(accepted.get(phone), 1, `${phone} messaged once`);
			}
			const rows = await deliveriesOf(h, 'lost');
			for (const row of rows.values()) assert.ok(row.wamid, 'wamid known');
		});
	});

	it('should slow down on 130429 and still send everyone exactly once', async () => {
		const fast = await senderFor(h, { ratePerSecond: 100, limiter: 'rate-limiter-flexible' });
		try {
			await fetch(`${h.simUrl}/__sim/config`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ whatsapp: { throughputPerSecond: 20 } }),
			});
			const throttledBefore = h.sim.ctx.log
				.list({ method: 'POST' })
				.filter((r) => r.status === 400).length;
			h.store.plans.set('throttled', planOf('throttled', 60, {}, 34_600_003_001));
			await scheduleBroadcast(h.jobs, 'throttled', new Date());
			await h.store.waitFor('throttled', ['sent']);
			const throttled =
				h.sim.ctx.log.list({ method: 'POST' }).filter((r) => r.status === 400).length -
				throttledBefore;
			assert.ok(throttled > 0, 'the simulator did answer 130429');
			const accepted = acceptedByRecipient(h.sim);
			for (let i = 1; i <= 60; i += 1) assert.equal(accepted.get(String(34_600_003_000 + i)), 1);
		} finally {
			await fast.stop();
			await fetch(`${h.simUrl}/__sim/config`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ whatsapp: { throughputPerSecond: 80 } }),
			});
		}
	});

	it('should delay only the recipient Meta answers 131056 for', async () => {
		await withSender({}, async () => {
			await fetch(`${h.simUrl}/__sim/config`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ whatsapp: { pairBurst: 1, pairRefillMs: 1_500 } }),
			});
			try {
				// Someone else (a bot reply) just messaged this customer.
				await h.meta.whatsapp.sendTemplate('106540352242922', {
					to: '+34600004001',
					name: 'hello_world',
					language: 'en_US',
				});
				h.store.plans.set('pair', planOf('pair', 3, {}, 34_600_004_001));
				await scheduleBroadcast(h.jobs, 'pair', new Date());
				await h.store.waitFor('pair', ['sent']);
				const pairErrors = h.sim.ctx.log
					.list({ method: 'POST' })
					.filter((r) => JSON.stringify(r.body).includes('34600004001') && r.status === 400);
				assert.ok(pairErrors.length >= 1, 'Meta answered 131056 at least once');
				const accepted = acceptedByRecipient(h.sim);
				assert.equal(accepted.get('34600004001'), 2, 'the earlier message and the broadcast');
				assert.equal(accepted.get('34600004002'), 1);
			} finally {
				await fetch(`${h.simUrl}/__sim/config`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ whatsapp: { pairBurst: 45, pairRefillMs: 6_000 } }),
				});
			}
		});
	});

	it('should pause on an expired access token, with a reason, and resume without resending', async () => {
		const simConfig = (body: unknown) =>
			fetch(`${h.simUrl}/__sim/config`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
		const slow = await senderFor(h, { ratePerSecond: 20 });
		try {
			h.store.plans.set('token', planOf('token', 40, {}, 34_600_006_001));
			await scheduleBroadcast(h.jobs, 'token', new Date());
			const ours = () =>
				[...h.sim.state.whatsapp.messages.values()].filter(
					(m) => m.to >= '34600006001' && m.to <= '34600006040',
				).length;
			await until(() => ours() >= 5, '5 sends');
			// The system user's token expires mid-broadcast: Meta answers #190/463 to every send.
			assert.equal(
				(await simConfig({ accessTokens: [{ token: TOKEN, expiresAt: 1 }] })).status,
				200,
			);
			const paused = await h.store.waitFor('token', ['paused', 'failed', 'partially_failed']);
			assert.equal(paused.status, 'paused');
			assert.match(paused.reason ?? '', /access token has expired \(Meta #190\/463/);
			assert.match(paused.reason ?? '', /META_WHATSAPP_TOKEN/);
			const sentBeforePause = ours();
			assert.ok(sentBeforePause < 40, `sent ${sentBeforePause} of 40 before the pause`);
			// Nobody failed one by one: the refused sends went back to the queue.
			const failed = await h.pool.query(
				"select 1 from sb_broadcast_deliveries where broadcast_id = 'token' and state = 'failed'",
			);
			assert.equal(failed.rowCount, 0);
			const refused = h.sim.ctx.log
				.list({ method: 'POST' })
				.filter((r) => r.status === 401 && String(r.path).includes('/messages')).length;
			assert.ok(refused >= 1 && refused <= 20, `${refused} sends refused, not one per recipient`);
			await sleep(1_000);
			assert.equal(ours(), sentBeforePause, 'nothing sent while paused');

			// The token is fixed; staff set the broadcast back to Processing (the sync resumes it).
			assert.equal((await simConfig({ accessTokens: [{ token: TOKEN }] })).status, 200);
			assert.equal(await resumeRun(h.pool, 'token'), true);
			const done = await h.store.waitFor('token', ['sent', 'partially_failed', 'failed']);
			assert.equal(done.status, 'sent');
			const accepted = acceptedByRecipient(h.sim);
			for (let i = 1; i <= 40; i += 1) {
				assert.equal(accepted.get(String(34_600_006_000 + i)), 1, `recipient ${i} once`);
			}
		} finally {
			await slow.stop();
			await simConfig({ accessTokens: [{ token: TOKEN }] });
		}
	});

	it('should mark a broadcast found long after its time (the stack was down) as missed', async () => {
		const graceful = await senderFor(h, { graceMs: 1_000 });
		try {
			h.store.plans.set('missed', planOf('missed', 2, {}, 34_600_005_001));
			await scheduleBroadcast(h.jobs, 'missed', new Date(Date.now() - 20 * 60_000));
			const report = await h.store.waitFor('missed', ['missed', 'processing']);
			assert.equal(report.status, 'missed');
			assert.equal(acceptedByRecipient(h.sim).get('34600005001'), undefined);
		} finally {
			await graceful.stop();
		}
	});
});
