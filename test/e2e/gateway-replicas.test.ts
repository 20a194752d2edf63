// Two gateways on one ledger behind a proxy, as production runs them (compose/README.md, "Two
// gateways"): killing one while customers write refuses no delivery, so Chatwoot never opens a
// conversation through its bot-failure path, and every customer is answered once or handed off.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { CHATWOOT_SIM_INBOXES } from '../../simulators/src/chatwoot/index.ts';
import { BOT_FAILURE_ACTIVITY } from '../../simulators/src/chatwoot/bot-failure.ts';
import { startRetryingProxy, type RetryingProxy } from './retrying-proxy.ts';
import { startE2eStack, type E2eStack } from './stack.ts';
import {
	agentView,
	conversationView,
	customerWrites,
	eventually,
	newCustomer,
	setDepartmentHours,
	type Sent,
} from './inbound-support.ts';

describe('two gateways behind the proxy', () => {
	let e2e: E2eStack;
	let proxy: RetryingProxy;
	const agent = () => agentView(e2e.chatwoot);

	before(async () => {
		// Traefik's retry middleware in our dynamic config: 3 attempts.
		proxy = await startRetryingProxy(3);
		e2e = await startE2eStack({ botOutgoingUrl: `${proxy.url}/webhooks/chatwoot` });
		const second = await e2e.startGatewayReplica('gateway-2');
		proxy.targets.push(e2e.gateway.url, second.url);
		await setDepartmentHours(e2e, 'sales', 'always');
		await setDepartmentHours(e2e, 'support', 'in-three-days');
	});
	after(async () => {
		await e2e?.stop();
		await proxy?.close();
	});

	it('should leave no customer to Chatwoot’s bot-failure path when one of two gateways is killed while 30 write', async () => {
		const sent: Sent[] = [];
		for (let n = 0; n < 30; n++) {
			if (n === 15) {
				// SIGKILL: no graceful shutdown, its forward leases stay held until they run out.
				e2e.gateway.process.killNow();
				await e2e.gateway.process.exited;
			}
			sent.push(
				await customerWrites(e2e.chatwoot, {
					to:
						n % 2 === 0
							? CHATWOOT_SIM_INBOXES.sales.phoneNumber
							: CHATWOOT_SIM_INBOXES.support.phoneNumber,
					from: newCustomer(),
					content: 'How long does installation take?',
				}),
			);
			await sleep(150);
		}

		// A batch the killed gateway held is taken over when its forward lease runs out (65 s here).
		const outcome = async ({ conversationId }: Sent) => {
			const view = await conversationView(agent(), conversationId);
			if (view.notes.length > 0 && view.teamId !== null) return 'handed off';
			if (view.replies.length > 0) return 'replied';
			return undefined;
		};
		for (const message of sent) {
			await eventually(
				`an answer or a hand-off in ${message.conversationId}`,
				() => outcome(message),
				240_000,
			);
		}
		await fetch(`${e2e.chatwoot.url}/__sim/flush`, { method: 'POST' });
		await eventually('the ledger to drain', async () => {
			const { rows } = await e2e.pool.query<{ n: number }>(
				"select count(*)::int as n from sb_inbound_events where status in ('pending', 'forwarding')",
			);
			return rows[0]!.n === 0 ? true : undefined;
		});
		await sleep(3000);

		const ends = [];
		for (const message of sent) {
			const view = await conversationView(agent(), message.conversationId);
			const messages = (await agent().messages.list(message.conversationId)).payload;
			ends.push({
				conversationId: message.conversationId,
				outcome: await outcome(message),
				replies: view.replies.length,
				botFailure: messages.some((m) => m.content === BOT_FAILURE_ACTIVITY),
			});
		}
		assert.deepEqual(
			ends.filter((end) => end.botFailure || end.outcome === undefined || end.replies > 1),
			[],
			'each customer replied once or handed off, never opened by the bot-failure path, never twice',
		);
		assert.equal(proxy.failed, 0, 'no delivery refused');
		assert.ok(proxy.retried > 0, 'deliveries reached the killed gateway and were sent on');
	});
});
