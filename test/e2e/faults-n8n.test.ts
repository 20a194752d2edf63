// Issue #17's fault table, the rows about n8n crashing (kill -9 of the queue worker that runs the
// executions, restarted as compose would), and item 4: a rerun of workflow 01 after a crash right
// after any of its Chatwoot writes sends nothing twice. The Chatwoot simulator holds back its
// answer to the chosen write (a fault with `after`), so n8n dies with the write done and
// unacknowledged: the hardest moment for a rerun.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CHATWOOT_SIM_ACCOUNT_ID } from '../../simulators/src/chatwoot/index.ts';
import { eventually } from './inbound-support.ts';
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
	type Customer,
} from './fault-support.ts';
import type { E2eStack } from './stack.ts';
import { WORKFLOWS_DIR } from '../../scripts/lib/n8n-provision.ts';

/**
 * A copy of n8n/workflows/ whose triage claim lease (Claim batch for triage) is `seconds`. A run
 * lost to kill -9 keeps its claim until the lease ends, and the shipped 120 s wait per crash was
 * most of this file's time; 45 s still outlasts any run against the simulators.
 */
function workflowsWithTriageLease(seconds: number): string {
	const dir = mkdtempSync(join(tmpdir(), 'sb-workflows-'));
	for (const file of readdirSync(WORKFLOWS_DIR).filter((name) => name.endsWith('.json'))) {
		const workflow = JSON.parse(readFileSync(join(WORKFLOWS_DIR, file), 'utf8')) as {
			nodes: Array<{ parameters?: Record<string, unknown> }>;
		};
		for (const node of workflow.nodes) {
			if (node.parameters && 'leaseSeconds' in node.parameters)
				node.parameters.leaseSeconds = seconds;
		}
		writeFileSync(join(dir, file), JSON.stringify(workflow, null, '\t'));
	}
	return dir;
}

/** A write of workflow 01 (or of workflow 03, which it calls) to a conversation. */
interface Step {
	step: string;
	ask: (typeof ASKS)[keyof typeof ASKS];
	/** After /conversations/<id>/. */
	path: 'messages' | 'labels' | 'assignments' | 'toggle_priority' | 'toggle_status';
	/** Earlier writes to the same path in the same run, e.g. workflow 03's label. */
	skip: number;
	/** For a message: whether the held one must be the private note (else the customer's). */
	note?: boolean;
}

const STEPS: Step[] = [
	{ step: "workflow 03's department label", ask: ASKS.answerable, path: 'labels', skip: 0 },
	{ step: 'the reply', ask: ASKS.answerable, path: 'messages', skip: 0, note: false },
	{
		step: 'the out-of-hours notice',
		ask: ASKS.closedHandOff,
		path: 'messages',
		skip: 0,
		note: false,
	},
	{
		step: 'the note after the out-of-hours notice',
		ask: ASKS.closedHandOff,
		path: 'messages',
		skip: 1,
		note: true,
	},
	{
		step: "the hand-off's customer notice",
		ask: ASKS.openHandOff,
		path: 'messages',
		skip: 0,
		note: false,
	},
	{
		step: 'the note after the hand-off notice',
		ask: ASKS.openHandOff,
		path: 'messages',
		skip: 1,
		note: true,
	},
	{ step: "the hand-off's labels", ask: ASKS.openHandOff, path: 'labels', skip: 1 },
	{ step: 'the team assignment', ask: ASKS.openHandOff, path: 'assignments', skip: 0 },
	{ step: 'the priority', ask: ASKS.openHandOff, path: 'toggle_priority', skip: 0 },
	{ step: 'the status toggle', ask: ASKS.openHandOff, path: 'toggle_status', skip: 0 },
];

describe('n8n killed while customers write', () => {
	let e2e: E2eStack;
	const restarts: string[] = [];
	const fileStartedAt = Date.now();
	const conversationPath = (id: number, path: Step['path']) =>
		`/api/v1/accounts/${CHATWOOT_SIM_ACCOUNT_ID}/conversations/${id}/${path}`;

	/** Holds the answer to a write once it is done (up to 2 min), so n8n can be killed then. */
	const holdAfter = async (id: number, path: Step['path'], skip: number) => {
		const res = await fetch(`${e2e.chatwoot.url}/__sim/faults`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				method: 'POST',
				path: conversationPath(id, path),
				after: true,
				delayMs: 120_000,
				skip,
				times: 1,
			}),
		});
		assert.equal(res.status, 201, await res.text());
	};
	const heldEntry = (id: number, path: Step['path']) =>
		e2e.chatwootSim.ctx.log
			.list({ method: 'POST', path: conversationPath(id, path) })
			.find((entry) => entry.held && entry.status === null);
	const isHeld = (id: number, path: Step['path']) => heldEntry(id, path) !== undefined;
	/**
	 * SIGKILL to the n8n worker, the process that runs workflow 01 in queue mode (its task runner
	 * loses its broker and exits); the supervisor starts it again, as compose would.
	 */
	const killN8n = async () => {
		const worker = e2e.stack.n8nWorkers[0]!.process;
		worker.killNow();
		await worker.exited;
	};

	const workflowsDir = workflowsWithTriageLease(45);

	before(async () => {
		e2e = await startFaultStack({
			// As compose's restart policy does: a runtime that exits comes back.
			restart: { say: (line) => restarts.push(line) },
			workflowsDir,
		});
	});
	after(async () => {
		await e2e?.stop();
		rmSync(workflowsDir, { recursive: true, force: true });
		console.log(
			`# faults-n8n: ${Math.round((Date.now() - fileStartedAt) / 1000)} s in all; restarts: ${restarts.join(' | ') || 'none'}`,
		);
	});

	it('should serve each of 20 customers once when n8n is killed mid-burst', async (t) => {
		await stackHealthy(e2e);
		const startedAt = Date.now();
		const customers = await customersWrite(
			e2e.chatwoot,
			20,
			[ASKS.answerable, ASKS.closedHandOff],
			{ gapMs: 400, during: (n) => (n === 8 ? killN8n() : Promise.resolve()) },
		);
		const ends = await awaitEnds(e2e, customers, 420_000);
		t.diagnostic(describeRow('n8n kill -9 mid-burst, 20 customers', ends, startedAt));
		assertEveryoneServedOnce(ends);
		assertHandedOffToTheirTeam(ends, customers);
	});

	it('should hand off each of 16 customers once when n8n is killed in the middle of a hand-off', async (t) => {
		await stackHealthy(e2e);
		const startedAt = Date.now();
		// The first customer's hand-off has its note and labels, and its team assignment is done
		// but unanswered when n8n dies; the others are wherever they are.
		const first = await customerAsks(e2e.chatwoot, ASKS.closedHandOff);
		await holdAfter(first.conversationId, 'assignments', 0);
		const killed = (async () => {
			await eventually('the first hand-off to reach its team assignment', async () =>
				isHeld(first.conversationId, 'assignments') ? true : undefined,
			);
			await killN8n();
		})();
		const customers = [
			first,
			...(await customersWrite(e2e.chatwoot, 15, [ASKS.closedHandOff], { gapMs: 300 })),
		];
		await killed;
		const ends = await awaitEnds(e2e, customers, 420_000);
		t.diagnostic(describeRow('n8n kill -9 landing mid-hand-off, 16 customers', ends, startedAt));
		assertEveryoneServedOnce(ends);
		assertHandedOffToTheirTeam(ends, customers);
	});

	it('should send nothing twice when n8n is killed right after any Chatwoot write of workflow 01, once it runs again', async (t) => {
		await stackHealthy(e2e);
		const startedAt = Date.now();
		const customers: Array<Customer & Step> = [];
		for (const step of STEPS) {
			const customer = await customerAsks(e2e.chatwoot, step.ask);
			await holdAfter(customer.conversationId, step.path, step.skip);
			customers.push({ ...customer, ...step });
		}
		// Every run sits right after its write, unanswered; then n8n dies under all of them.
		await eventually(
			'every run to reach its held write',
			async () => (customers.every((c) => isHeld(c.conversationId, c.path)) ? true : undefined),
			100_000,
		).catch(() => undefined);
		const held = customers.filter((c) => isHeld(c.conversationId, c.path)).map((c) => c.step);
		const heldMessages = customers
			.filter((c) => c.note !== undefined)
			.map((c) => ({
				step: c.step,
				note: (heldEntry(c.conversationId, c.path)?.body as { private?: boolean } | undefined)
					?.private,
			}));
		await killN8n();
		assert.deepEqual(
			heldMessages,
			customers.filter((c) => c.note !== undefined).map((c) => ({ step: c.step, note: c.note })),
			'each held message is the one its step names (customer message or private note)',
		);
		assert.deepEqual(
			STEPS.map((s) => s.step).filter((step) => !held.includes(step)),
			[],
			'n8n was killed right after each write',
		);

		const ends = await awaitEnds(e2e, customers, 420_000);
		t.diagnostic(describeRow('n8n kill -9 right after each Chatwoot write', ends, startedAt));
		for (const [n, end] of ends.entries()) {
			t.diagnostic(
				`${customers[n]!.step}: ${end.outcome} (bot messages ${end.botMessages}, notes ${end.notes}, status ${end.status}, team ${end.teamId}, labels ${end.labels.join(',')})`,
			);
		}
		assert.deepEqual(
			ends
				.map((end, n) => ({ step: customers[n]!.step, ...end }))
				.filter((end) => end.outcome !== 'replied once' && end.outcome !== 'handed off'),
			[],
			'after a crash at any write, each customer is replied to once or handed off once',
		);
		assertHandedOffToTheirTeam(ends, customers);
	});
});
