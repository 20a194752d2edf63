// Contact stages on the real stack (issue #15): the triage proposes a stage, workflow 01's Move
// stage node applies the rule, the gateway shows the stage in Chatwoot's contact attribute, and an
// agent's change of that attribute comes back through the account webhook as the agent's move.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { provisionN8n, WORKFLOWS_DIR } from '../../scripts/lib/n8n-provision.ts';
import { locateRuntimes } from '../../scripts/lib/runtimes.ts';
import { CHATWOOT_SIM_INBOXES } from '../../simulators/src/chatwoot/index.ts';
import {
	agentView,
	claimResults,
	customerWrites,
	eventually,
	newCustomer,
} from './inbound-support.ts';
import { startE2eStack, type E2eStack } from './stack.ts';

const SALES = CHATWOOT_SIM_INBOXES.sales.phoneNumber;

interface TransitionRow {
	from_stage: string;
	to_stage: string;
	moved_by: string;
	confidence: number | null;
	conversation_id: string | null;
}

interface LoggedRequest {
	body: { system?: Array<{ text: string }> };
}

describe('contact stages', () => {
	let e2e: E2eStack;

	before(async () => {
		e2e = await startE2eStack({ accountWebhookEvents: ['contact_updated'] });
	});
	after(() => e2e?.stop());

	const history = async (contactId: number) =>
		(
			await e2e.pool.query<TransitionRow>(
				'select from_stage, to_stage, moved_by, confidence, conversation_id' +
					' from sb_stage_transitions where contact_id = $1 order by id',
				[contactId],
			)
		).rows;

	const stageOf = async (contactId: number) =>
		(
			await e2e.pool.query<{ stage: string }>(
				'select stage from sb_contact_stages where contact_id = $1',
				[contactId],
			)
		).rows[0]?.stage;

	/** The customer writes and the batch is handled (its triage claim done). */
	const writesAndIsHandled = async (from: string, content: string) => {
		const sent = await customerWrites(e2e.chatwoot, { to: SALES, from, content, name: 'Ana Ruiz' });
		await eventually(`the triage of "${content}"`, async () => {
			const claims = await claimResults(e2e.pool, sent.conversationId);
			return claims.length > 0 && claims.every((c) => c.state === 'done') ? claims : undefined;
		});
		return sent;
	};

	it('should move a new contact to engaged then qualified as they write, show it to agents, and log an agent changing it', async () => {
		const agent = agentView(e2e.chatwoot);
		const from = newCustomer();
		const first = await writesAndIsHandled(
			from,
			"Hi! I'm interested in your fibre plans. How much does Fibre 500 cost per month?",
		);
		const conversation = await agent.conversations.get(first.conversationId);
		const contactId = conversation.meta.sender.id;
		await eventually('engaged', async () =>
			(await stageOf(contactId)) === 'engaged' ? true : undefined,
		);
		// The gateway's stage mirror shows it in the contact's sidebar.
		await eventually('engaged in Chatwoot', async () =>
			(await agent.contacts.get(contactId)).custom_attributes.stage === 'engaged'
				? true
				: undefined,
		);

		await writesAndIsHandled(
			from,
			// No word of installing: that now starts the booking chat, which is not a triage stage move.
			'Great, I want to sign up for Fibre 500. My address is 12 Elm Street.',
		);
		await eventually('qualified in Chatwoot', async () =>
			(await agent.contacts.get(contactId)).custom_attributes.stage === 'qualified'
				? true
				: undefined,
		);

		// An agent decides the customer is lost, in Chatwoot's contact sidebar.
		await agent.contacts.update(contactId, { custom_attributes: { stage: 'lost' } });
		const path = await eventually('the agent move in the log', async () => {
			const rows = await history(contactId);
			return rows.some((row) => row.moved_by === 'agent') ? rows : undefined;
		});
		assert.deepEqual(
			path.map((row) => [row.from_stage, row.to_stage, row.moved_by]),
			[
				['new', 'engaged', 'triage'],
				['engaged', 'qualified', 'triage'],
				['qualified', 'lost', 'agent'],
			],
		);
		const [engaged, qualified, lost] = path;
		assert.ok((engaged?.confidence ?? 0) >= 0.7, 'the triage move carries its confidence');
		assert.equal(Number(qualified?.conversation_id), first.conversationId);
		assert.equal(lost?.confidence, null);
		assert.equal(await stageOf(contactId), 'lost');
		// Our own writes to the attribute came back as contact_updated and were not logged again.
		assert.equal((await history(contactId)).length, 3);
	});

	it("should give Claude the customer's stage with the Directus instructions for it", async () => {
		const from = newCustomer();
		await writesAndIsHandled(from, "Hello, I'm interested in your plans, what do they cost?");
		await writesAndIsHandled(from, 'And is Northwind Fibre available at my address?');
		const res = await fetch(`${e2e.anthropic.url}/__sim/requests?path=%2Fv1%2Fmessages`);
		const requests = (await res.json()) as LoggedRequest[];
		const systems = requests.map((r) => (r.body.system ?? []).map((b) => b.text).join('\n'));
		const asked = systems.filter((text) => /## Customer's stage\n\nengaged\nGoal: /.test(text));
		assert.ok(asked.length > 0, 'a triage was told the customer is engaged, with its goal');
		assert.match(asked.at(-1) ?? '', /\nOffer: Point to the plan that fits/);
	});

	// Not about stages: this stack is borrowed so that re-importing workflows runs on a real n8n.
	it("should re-import only what changed, and keep a workflow changed in n8n's editor unless forced", async () => {
		const n8n = e2e.stack.n8n;
		const runtimes = locateRuntimes();
		const file = '04-housekeeping.json';
		const api = async (method: string, body?: unknown) => {
			const res = await fetch(`${n8n.url}/api/v1/workflows/sbHousekeeping04`, {
				method,
				headers: { 'X-N8N-API-KEY': n8n.apiKey, 'content-type': 'application/json' },
				...(body === undefined ? {} : { body: JSON.stringify(body) }),
			});
			const text = await res.text();
			assert.ok(res.ok, `${method} workflow: HTTP ${res.status} ${text}`);
			return JSON.parse(text) as {
				name: string;
				nodes: { name: string; notes?: string }[];
			} & Record<string, unknown>;
		};
		const reimport = (options: { workflowsDir?: string; force?: string } = {}) =>
			provisionN8n(n8n, runtimes, { credentials: {}, workflows: [file], ...options });

		// What the stack imported is what n8n holds: running again changes nothing.
		assert.deepEqual(
			(await reimport()).map((w) => w.decision),
			[{ action: 'keep', edited: [] }],
		);

		// An operator adds a note to a node in the editor, then the file changes upstream.
		const live = await api('GET');
		const edited = live.nodes.map((node) =>
			node.name === 'Settings' ? { ...node, notes: 'changed by the operator' } : node,
		);
		await api('PUT', {
			name: live.name,
			nodes: edited,
			connections: live.connections,
			settings: live.settings,
		});
		const upstream = mkdtempSync(join(tmpdir(), 'sb-workflows-'));
		try {
			const json = JSON.parse(readFileSync(join(WORKFLOWS_DIR, file), 'utf8')) as { name: string };
			writeFileSync(join(upstream, file), JSON.stringify({ ...json, name: `${json.name} (v2)` }));

			const refused = await reimport({ workflowsDir: upstream });
			const decision = refused[0]?.decision;
			assert.equal(decision?.action, 'refuse');
			// n8n's save also rewrites some nodes nobody touched (here the Send Email node), so the
			// list can name more than the operator's edit; it always names that.
			assert.ok(
				decision.action === 'refuse' && decision.edited.includes('node "Settings" changed'),
				JSON.stringify(decision),
			);
			const kept = await api('GET');
			assert.equal(kept.name, live.name);
			assert.equal(
				kept.nodes.find((node) => node.name === 'Settings')?.notes,
				'changed by the operator',
			);

			const forced = await reimport({ workflowsDir: upstream, force: file });
			assert.deepEqual(forced[0]?.decision, { action: 'import', reason: 'forced' });
			const replaced = await api('GET');
			assert.equal(replaced.name, `${json.name} (v2)`);
			assert.equal(replaced.nodes.find((node) => node.name === 'Settings')?.notes, undefined);
			// ...and from there on it is what was last imported.
			assert.deepEqual(
				(await reimport({ workflowsDir: upstream })).map((w) => w.decision),
				[{ action: 'keep', edited: [] }],
			);
		} finally {
			rmSync(upstream, { recursive: true, force: true });
		}
	});
});
