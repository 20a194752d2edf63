import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
	contentHash,
	decideImport,
	describeDifferences,
	forcedWorkflows,
	readImportRecords,
	workflowContent,
	writeImportRecords,
	type ImportRecord,
} from './workflow-import.ts';

interface TestWorkflow {
	id: string;
	name: string;
	nodes: Record<string, unknown>[];
	connections: Record<string, unknown>;
	settings: Record<string, unknown>;
	[key: string]: unknown;
}

/** A workflow file as n8n/workflows/ holds it. */
const workflowFile = (overrides: Record<string, unknown> = {}): TestWorkflow => ({
	name: '01 Inbound message triage',
	nodes: [
		{
			parameters: { path: 'switchboard/inbound', httpMethod: 'POST' },
			id: 'a1',
			name: 'Inbound webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 300],
			webhookId: 'b2',
		},
		{
			parameters: { channel: 'whatsapp', options: {} },
			id: 'c3',
			name: 'Claude triage',
			type: 'n8n-nodes-switchboard.claudeTriage',
			typeVersion: 1,
			position: [240, 300],
			credentials: { switchboardClaudeApi: { id: 'sbClaudeApi00001', name: 'Claude' } },
		},
	],
	connections: {
		'Inbound webhook': { main: [[{ node: 'Claude triage', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
	id: 'sbInboundTriage1',
	...overrides,
});

/** The same workflow as n8n 2.41's GET /api/v1/workflows/{id} returns it (fields it adds, other key order). */
const apiWorkflow = (file = workflowFile(), overrides: Record<string, unknown> = {}) => ({
	createdAt: '2026-12-06T10:00:00.000Z',
	updatedAt: '2026-12-06T10:00:01.000Z',
	id: file.id,
	name: file.name,
	description: null,
	active: true,
	isArchived: false,
	nodes: [...file.nodes].reverse(),
	connections: file.connections,
	settings: file.settings,
	staticData: null,
	meta: null,
	pinData: {},
	versionId: '9f1c0c2e-0000-4000-8000-000000000001',
	activeVersionId: '9f1c0c2e-0000-4000-8000-000000000001',
	versionCounter: 3,
	triggerCount: 1,
	shared: [{ role: 'workflow:owner', projectId: 'p1' }],
	tags: [],
	...overrides,
});

const recordOf = (file = workflowFile()): ImportRecord => ({
	file: '01-inbound-message-triage.json',
	upstream: contentHash(file),
	live: workflowContent(apiWorkflow(file)),
});

/** The workflow after an operator changed the triage node's channel in the editor. */
const editedInEditor = () => {
	const file = workflowFile();
	const [webhook, claude] = file.nodes;
	return apiWorkflow(
		{
			...file,
			nodes: [webhook!, { ...claude!, parameters: { channel: 'messenger', options: {} } }],
		},
		{ versionId: 'another', updatedAt: '2026-12-07T08:00:00.000Z' },
	);
};

describe('workflow-import', () => {
	describe('workflowContent', () => {
		it('should give equal hashes for the same workflow whatever n8n adds, versions and key order', () => {
			const a = workflowContent(apiWorkflow());
			const b = workflowContent(
				apiWorkflow(workflowFile(), { versionId: 'v2', updatedAt: 'later', triggerCount: 0 }),
			);
			assert.equal(contentHash(a), contentHash(b));
			assert.equal(contentHash(workflowContent(workflowFile())), contentHash(a));
		});

		it('should refuse something that is not a workflow', () => {
			assert.throws(() => workflowContent({ name: 'x' }));
		});
	});

	describe('describeDifferences', () => {
		it('should name each node added, removed or changed, and connections, settings and name', () => {
			const before = workflowContent(workflowFile());
			const file = workflowFile({ name: 'Triage (ours)', settings: { executionOrder: 'v0' } });
			const after = workflowContent({
				...file,
				nodes: [
					{ ...file.nodes[1]!, position: [260, 300] },
					{ name: 'Slack', type: 'n8n-nodes-base.slack', parameters: {} },
				],
				connections: {},
			});
			assert.deepEqual(describeDifferences(before, after), [
				'renamed to "Triage (ours)"',
				'node "Claude triage" changed',
				'node "Slack" added',
				'node "Inbound webhook" removed',
				'connections changed',
				'settings changed',
			]);
		});

		it('should find nothing between the same workflow read twice', () => {
			assert.deepEqual(
				describeDifferences(workflowContent(apiWorkflow()), workflowContent(workflowFile())),
				[],
			);
		});
	});

	describe('decideImport', () => {
		const changedFile = workflowFile({ settings: { executionOrder: 'v1', timezone: 'UTC' } });

		it('should import a workflow n8n does not hold yet', () => {
			assert.deepEqual(
				decideImport({ upstream: 'x', live: null, record: undefined, force: false }),
				{ action: 'import', reason: 'new' },
			);
		});

		it('should leave a workflow alone when neither its file nor n8n changed it', () => {
			assert.deepEqual(
				decideImport({
					upstream: contentHash(workflowFile()),
					live: workflowContent(apiWorkflow()),
					record: recordOf(),
					force: false,
				}),
				{ action: 'keep', edited: [] },
			);
		});

		it('should import a file that changed while nobody edited the workflow in n8n', () => {
			assert.deepEqual(
				decideImport({
					upstream: contentHash(changedFile),
					live: workflowContent(apiWorkflow()),
					record: recordOf(),
					force: false,
				}),
				{ action: 'import', reason: 'changed upstream' },
			);
		});

		it("should refuse to import over an operator's edit, saying what they changed", () => {
			assert.deepEqual(
				decideImport({
					upstream: contentHash(changedFile),
					live: workflowContent(editedInEditor()),
					record: recordOf(),
					force: false,
				}),
				{ action: 'refuse', edited: ['node "Claude triage" changed'] },
			);
		});

		it('should keep an edited workflow whose file did not change, reporting the edit', () => {
			assert.deepEqual(
				decideImport({
					upstream: contentHash(workflowFile()),
					live: workflowContent(editedInEditor()),
					record: recordOf(),
					force: false,
				}),
				{ action: 'keep', edited: ['node "Claude triage" changed'] },
			);
		});

		it('should import over an edit when forced', () => {
			assert.deepEqual(
				decideImport({
					upstream: contentHash(changedFile),
					live: workflowContent(editedInEditor()),
					record: recordOf(),
					force: true,
				}),
				{ action: 'import', reason: 'forced' },
			);
		});

		it('should import, as before, a workflow imported before any record was kept', () => {
			assert.deepEqual(
				decideImport({
					upstream: contentHash(changedFile),
					live: workflowContent(editedInEditor()),
					record: undefined,
					force: false,
				}),
				{ action: 'import', reason: 'no record' },
			);
		});
	});

	describe('forcedWorkflows', () => {
		const triage = { file: '01-inbound-message-triage.json', id: 'sbInboundTriage1' };
		const social = { file: '02-social-media-auto-poster.json', id: 'sbSocialPoster01' };

		it('should force nothing when unset or empty', () => {
			assert.equal(forcedWorkflows(undefined)(triage), false);
			assert.equal(forcedWorkflows(' , ')(triage), false);
		});

		it('should force by file name (with or without .json) or id, or all', () => {
			assert.equal(forcedWorkflows('01-inbound-message-triage')(triage), true);
			assert.equal(forcedWorkflows('x, sbSocialPoster01')(social), true);
			assert.equal(forcedWorkflows('01-inbound-message-triage.json')(social), false);
			assert.equal(forcedWorkflows('all')(social), true);
		});
	});

	describe('import records', () => {
		it('should read back what was written, and read a missing or unreadable file as no record', () => {
			const dir = mkdtempSync(join(tmpdir(), 'sb-import-records-'));
			try {
				const file = join(dir, 'records.json');
				assert.deepEqual(readImportRecords(file), {});
				writeImportRecords(file, { sbInboundTriage1: recordOf() });
				assert.deepEqual(readImportRecords(file), { sbInboundTriage1: recordOf() });
				writeFileSync(file, '{"sbInboundTriage1": {"file": 1}}');
				assert.deepEqual(readImportRecords(file), {});
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		});
	});
});
