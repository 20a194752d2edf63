// Issue #17's fault table, the rows about the applications around n8n: Directus down, Claude
// overloaded, Chatwoot failing the reply. Every customer ends replied once or handed off with a note
// and the right team: never untriaged, never twice.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anthropicFault } from '../../simulators/src/anthropic/index.ts';
import { CHATWOOT_SIM_ACCOUNT_ID } from '../../simulators/src/chatwoot/index.ts';
import {
	ASKS,
	assertEveryoneServedOnce,
	assertHandedOffToTheirTeam,
	awaitEnds,
	customerAsks,
	customersWrite,
	describeRow,
	stackHealthy,
	startFaultStack,
	until,
	type Customer,
} from './fault-support.ts';
import type { E2eStack } from './stack.ts';

async function postJson(url: string, body: unknown): Promise<void> {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	if (!res.ok) throw new Error(`POST ${url} answered ${res.status}: ${await res.text()}`);
}

describe('outages of Directus, Claude and Chatwoot while customers write', () => {
	let e2e: E2eStack;
	const fileStartedAt = Date.now();

	before(async () => {
		e2e = await startFaultStack({
			// As compose's restart policy does: a runtime that exits comes back.
			restart: { say: (line) => console.log(`# ${line}`) },
		});
	});
	after(async () => {
		await e2e?.stop();
		console.log(`# faults-apps: ${Math.round((Date.now() - fileStartedAt) / 1000)} s in all`);
	});

	it('should reply once to each of 5 customers when Chatwoot answers 500 twice to the reply', async (t) => {
		await stackHealthy(e2e);
		const startedAt = Date.now();
		const customers: Customer[] = [];
		for (let n = 0; n < 5; n++) {
			const customer = await customerAsks(e2e.chatwoot, ASKS.answerable);
			// In place before the gateway's debounce (0.8 s) lets the batch go.
			await postJson(`${e2e.chatwoot.url}/__sim/faults`, {
				method: 'POST',
				path: `/api/v1/accounts/${CHATWOOT_SIM_ACCOUNT_ID}/conversations/${customer.conversationId}/messages`,
				status: 500,
				body: { error: 'Internal Server Error' },
				times: 2,
			});
			customers.push(customer);
		}
		const ends = await awaitEnds(e2e, customers, 420_000);
		t.diagnostic(describeRow('Chatwoot 500 twice on the reply, 5 customers', ends, startedAt));
		assertEveryoneServedOnce(ends);
		assert.deepEqual(
			ends.map((end) => end.outcome),
			customers.map(() => 'replied once'),
			'an answerable question is answered once the reply goes through',
		);
	});

	it('should hand each of 10 customers to the team the keyword rules name when Claude answers 529 for 60 s', async (t) => {
		await stackHealthy(e2e);
		const startedAt = Date.now();
		const overloaded = anthropicFault(529);
		await postJson(`${e2e.anthropic.url}/__sim/faults`, overloaded);
		let customers: Customer[];
		try {
			// Both written to the Sales number: the keywords route them to Billing (open) and
			// Support (closed: the customer is told when it opens).
			customers = await customersWrite(
				e2e.chatwoot,
				10,
				[
					{ to: 'sales', content: 'Why is my invoice so high this month?', team: 'billing' },
					{
						to: 'sales',
						content: 'My internet is down since this morning, the router has a red light',
						team: 'support',
					},
				],
				{ gapMs: 1500 },
			);
			await until(startedAt, 60_000);
		} finally {
			await fetch(`${e2e.anthropic.url}/__sim/faults`, { method: 'DELETE' });
		}
		const ends = await awaitEnds(e2e, customers, 420_000);
		t.diagnostic(describeRow('Claude 529 for 60 s, 10 customers', ends, startedAt));
		assertEveryoneServedOnce(ends);
		assertHandedOffToTheirTeam(ends, customers);
		for (const [n, end] of ends.entries()) {
			if (end.outcome !== 'handed off') continue;
			assert.ok(
				end.labels.includes(`dept-${customers[n]!.team}`),
				`${end.conversationId} labelled for ${customers[n]!.team}: ${end.labels.join(', ')}`,
			);
		}
	});

	it('should serve each of 10 customers once when Directus is down for 30 s while they write', async (t) => {
		await stackHealthy(e2e);
		const startedAt = Date.now();
		let stoppedAt = 0;
		let customers: Customer[];
		try {
			customers = await customersWrite(e2e.chatwoot, 10, [ASKS.answerable, ASKS.closedHandOff], {
				gapMs: 1500,
				during: async (n) => {
					if (n !== 2) return;
					await e2e.stack.stopDirectus();
					stoppedAt = Date.now();
				},
			});
			await until(stoppedAt, 30_000);
		} finally {
			await e2e.stack.startDirectus();
		}
		const ends = await awaitEnds(e2e, customers, 420_000);
		t.diagnostic(describeRow('Directus down 30 s, 10 customers', ends, startedAt));
		assertEveryoneServedOnce(ends);
		assertHandedOffToTheirTeam(ends, customers);
	});
});
