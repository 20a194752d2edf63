import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { databaseUrl } from '../../../../scripts/lib/postgres.ts';
import { forwardBatchSchema } from '../../pipeline/inbound-batch.ts';
import type { Department } from '../../content/schemas.ts';
import { claimTriage, completeTriage } from '../../log-store/inbound-claims.ts';
import { claimBatchForTriage } from '../../pipeline/claim-inbound.ts';
import {
	ADMIN_DATABASE_URL,
	FORWARD_SECRET,
	useGatewayFixture,
	waitFor,
	type TestGateway,
} from '../test-support.ts';
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

	it('should send a batch again when n8n answers 200 without workflow 01 saying it handled it', async () => {
		// n8n answers 200 when a run ends before any Respond node: no proof anyone triaged it.
		fx.n8n.body = () => '';
		const gw = await fx.start({ env: { GATEWAY_FORWARD_MAX_ATTEMPTS: '1000' } });
		await fx.pointBotAt(gw);
		const { messageId } = await fx.customerWrites('+5215512345678', 'Hola');
		await waitFor('two unacknowledged answers', () => fx.n8n.forwards.length >= 2);
		assert.notEqual((await fx.ledger())[0]?.status, 'done');
		const retry = gw.logs.find((line) => String(line.reason ?? '').includes('without saying'));
		assert.ok(retry, 'the retry names the missing acknowledgement');

		fx.n8n.body = () => '{"status":"already_handled","ledgerIds":[1]}';
		await waitFor('the row done', async () => (await fx.ledger())[0]?.status === 'done');
		assert.deepEqual(fx.n8n.messageIds().at(-1), messageId);
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

	describe('when a batch is dead-lettered', () => {
		const department = (key: string, inboxId: number, teamId: number): Department => ({
			key,
			name: key,
			whatsappNumbers: [],
			phoneNumberIds: [],
			chatwootInboxIds: [inboxId],
			chatwootTeamId: teamId,
			confidenceThreshold: 0.7,
			openingHours: null,
			escalationTeamId: null,
			fallbackKeywords: [],
		});
		const departments = async () => [department('support', 2, 2), department('sales', 1, 1)];

		/** A customer message whose n8n run took the triage claim and then failed (or completed it). */
		const claimedThenFailed = async (completedAs?: string) => {
			const crashed = await fx.start({ loops: false });
			await fx.pointBotAt(crashed);
			const written = await fx.customerWrites('+5215512345678', 'Hola');
			const [row] = await fx.ledger();
			assert.ok(row);
			const claim = await claimTriage(crashed.pool, { ledgerIds: [row.id] });
			assert.equal(claim.status, 'claimed');
			if (completedAs && claim.token) {
				await completeTriage(crashed.pool, {
					token: claim.token,
					ledgerIds: claim.claimed,
					result: completedAs,
				});
			}
			await crashed.stop();
			return { ...written, ledgerId: row.id };
		};
		const claimOf = async (gw: TestGateway, ledgerId: number) =>
			(
				await gw.pool.query(
					'select state, result from sb_inbound_claims where inbound_event_id = $1',
					[ledgerId],
				)
			).rows[0] as { state: string; result: string | null } | undefined;
		const privateNotes = async (conversationId: number) =>
			(await fx.sim.admin.messages.list(conversationId)).payload.filter((m) => m.private);

		it('should hand it to the inbox team with a note once, and release its triage claim', async () => {
			fx.n8n.respond = () => 500;
			const { conversationId, ledgerId } = await claimedThenFailed();
			const gw = await fx.start({ env: { GATEWAY_FORWARD_MAX_ATTEMPTS: '2' }, departments });
			await waitFor('the hand-off', () => gw.gateway.metrics.deadLetterHandoffs.get() === 1);

			const conversation = await fx.sim.admin.conversations.get(conversationId);
			assert.equal(conversation.status, 'open');
			assert.equal(conversation.meta.team?.id, 1);
			assert.deepEqual([...conversation.labels].sort(), ['ai-handoff', 'dept-sales']);
			const notes = await privateNotes(conversationId);
			assert.equal(notes.length, 1);
			assert.match(
				notes[0]?.content ?? '',
				/^The bot could not process the customer's message, so nobody has answered yet/,
			);
			assert.match(
				notes[0]?.content ?? '',
				/Why: the automation failed while processing the messages \(2 attempts; last error: n8n answered HTTP 500\)/,
			);
			assert.deepEqual(await claimOf(gw, ledgerId), {
				state: 'done',
				result: 'dead_letter_handoff',
			});
			assert.equal((await fx.ledger())[0]?.status, 'dead', 'still a dead letter');

			// A replay that fails again dead-letters again, and hands nothing off a second time.
			assert.equal((await runCli('replay', String(ledgerId))).code, 0);
			await waitFor('the second dead letter', async () =>
				gw.logs.some((line) => line.status === 'already_handled'),
			);
			assert.equal(fx.n8n.forwards.length, 4);
			assert.equal((await privateNotes(conversationId)).length, 1);
			assert.equal(gw.gateway.metrics.deadLetterHandoffs.get(), 1);
			assert.match((await runCli('list')).stdout, new RegExp(`^${ledgerId}\\t`, 'm'));
		});

		it('should hand off without a team, labelled, when the departments cannot be read', async () => {
			fx.n8n.respond = () => 401;
			const gw = await fx.start({
				departments: () => Promise.reject(new Error('Directus is down')),
			});
			await fx.pointBotAt(gw);
			const { conversationId } = await fx.customerWrites('+5215512345678', 'Hola');
			await waitFor('the hand-off', () => gw.gateway.metrics.deadLetterHandoffs.get() === 1);

			const conversation = await fx.sim.admin.conversations.get(conversationId);
			assert.equal(conversation.status, 'open');
			assert.equal(conversation.meta.team, undefined);
			assert.deepEqual(conversation.labels, ['ai-handoff']);
			const [note] = await privateNotes(conversationId);
			assert.match(note?.content ?? '', /the automation refused the gateway/);
			const warning = gw.logs.find(
				(l) => l.message === 'gateway: dead letter handed off without a team',
			);
			assert.equal(warning?.error, 'Directus is down');
		});

		it('should not hand off a batch whose messages a triage already completed', async () => {
			fx.n8n.respond = () => 500;
			const { conversationId, ledgerId } = await claimedThenFailed('reply');
			const gw = await fx.start({ env: { GATEWAY_FORWARD_MAX_ATTEMPTS: '1' }, departments });
			await waitFor('the dead letter', async () => (await fx.ledger())[0]?.status === 'dead');
			await waitFor('its hand-off pass', () =>
				gw.logs.some((line) => line.status === 'already_handled'),
			);
			assert.equal((await privateNotes(conversationId)).length, 0);
			assert.deepEqual(await claimOf(gw, ledgerId), { state: 'done', result: 'reply' });
		});
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

	describe('when workflow 01 answers busy', () => {
		// Its Respond node "busy, retry later": another execution holds the batch's triage claim.
		const BUSY = '{"status":"busy","ledgerIds":[1]}';
		const fastRetries = { GATEWAY_FORWARD_BACKOFF_MS: '50', GATEWAY_FORWARD_BACKOFF_MAX_MS: '200' };
		const busyCounts = async (gw: TestGateway) =>
			(
				await gw.pool.query(
					'select attempts, busy_attempts as "busyAttempts" from sb_inbound_events order by id',
				)
			).rows as { attempts: number; busyAttempts: number }[];

		it('should keep retrying without spending attempts, and deliver once the claim is free', async () => {
			// Two attempts in all: before, the second busy answer dead-lettered the batch.
			let busyLeft = 6;
			fx.n8n.respond = () => (busyLeft > 0 ? 409 : 200);
			fx.n8n.body = () => (busyLeft-- > 0 ? BUSY : '{"status":"handled"}');
			const gw = await fx.start({ env: { GATEWAY_FORWARD_MAX_ATTEMPTS: '2', ...fastRetries } });
			await fx.pointBotAt(gw);
			const { messageId } = await fx.customerWrites('+5215512345678', 'Hola');
			await waitFor('the row done', async () => (await fx.ledger())[0]?.status === 'done');

			assert.equal(fx.n8n.forwards.length, 7);
			assert.deepEqual(fx.n8n.messageIds().at(-1), messageId);
			assert.deepEqual(await busyCounts(gw), [{ attempts: 1, busyAttempts: 6 }]);
			assert.equal(gw.gateway.metrics.forwardBusy.get(), 6);
			assert.equal(gw.gateway.metrics.forwardRetries.get(), 0);
			assert.equal(gw.gateway.metrics.deadLettered.get(), 0);
		});

		it('should count busy answers as failures once they outlast the limit', async () => {
			fx.n8n.respond = () => 409;
			fx.n8n.body = () => BUSY;
			const gw = await fx.start({
				env: {
					GATEWAY_FORWARD_MAX_ATTEMPTS: '2',
					GATEWAY_FORWARD_BUSY_LIMIT_MS: '600',
					...fastRetries,
				},
			});
			await fx.pointBotAt(gw);
			await fx.customerWrites('+5215512345678', 'Hola');
			await waitFor('the dead letter', async () => (await fx.ledger())[0]?.status === 'dead');

			const [counts] = await busyCounts(gw);
			assert.equal(counts?.attempts, 2);
			assert.ok((counts?.busyAttempts ?? 0) >= 2, 'busy answers within the limit were free');
			const warning = gw.logs.find((line) => line.message === 'gateway: dead-lettered a batch');
			assert.match(String(warning?.reason), /answered busy.*for longer than 600 ms/);
		});

		it('should count a 409 that is not workflow 01 saying busy as a failed attempt', async () => {
			fx.n8n.respond = () => 409;
			fx.n8n.body = () => '{"message":"conflict"}';
			const gw = await fx.start({ env: { GATEWAY_FORWARD_MAX_ATTEMPTS: '2', ...fastRetries } });
			await fx.pointBotAt(gw);
			await fx.customerWrites('+5215512345678', 'Hola');
			await waitFor('the dead letter', async () => (await fx.ledger())[0]?.status === 'dead');
			assert.equal(fx.n8n.forwards.length, 2);
			assert.equal(gw.gateway.metrics.forwardBusy.get(), 0);
		});
	});

	it('should free the triage claim of a run that failed, so the retry is not answered busy', async () => {
		const gw = await fx.start({
			env: { GATEWAY_FORWARD_BACKOFF_MS: '50', GATEWAY_FORWARD_BACKOFF_MAX_MS: '200' },
		});
		// Workflow 01 for real on the ledger: it claims the batch, then its first run fails (500).
		let failed = false;
		let answer = '';
		fx.n8n.respond = async (forward) => {
			const { claim } = await claimBatchForTriage(gw.pool, forward.batch);
			if (claim.status === 'busy') {
				answer = JSON.stringify({ status: 'busy', ledgerIds: claim.busy });
				return 409;
			}
			if (!failed) {
				failed = true;
				answer = '{"message":"Error in workflow"}';
				return 500;
			}
			await completeTriage(gw.pool, {
				token: claim.token ?? '',
				ledgerIds: claim.claimed,
				result: 'reply',
			});
			answer = '{"status":"handled"}';
			return 200;
		};
		fx.n8n.body = () => answer;
		await fx.pointBotAt(gw);
		await fx.customerWrites('+5215512345678', 'Hola');
		await waitFor('the row done', async () => (await fx.ledger())[0]?.status === 'done');

		assert.equal(fx.n8n.forwards.length, 2, 'the retry took the claim over at once');
		assert.equal(gw.gateway.metrics.forwardBusy.get(), 0);
		assert.ok(
			gw.logs.some((l) => l.message === 'gateway: released the triage claim of a run that ended'),
		);
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
