// first-start's workflow import against a stand-in for the n8n container (its CLI's export and
// import, with the shapes n8n 2.41's export:workflow printed in a real run against a throwaway
// database) and the real psql against the shared PostgreSQL for the import record.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, beforeEach, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from '@switchboard/glue/testing';
import { createProcessRunner, formatCommand, type Command, type CommandRunner } from './command.ts';
import { defaultProject } from './compose.ts';
import { readWorkflowSources } from './first-start-inputs.ts';
import {
	exportWorkflowsCommand,
	parseExport,
	readRecordCommand,
	syncWorkflows,
	writeRecordCommand,
	type WorkflowSync,
} from './n8n-workflows.ts';
import { paths } from './paths.ts';
import { urlTarget } from './postgres-target.ts';
import { ProductionError } from './production-error.ts';

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const run = promisify(execFile);

type Json = Record<string, unknown> & { id: string; nodes: Record<string, unknown>[] };

/** A workflow as `n8n export:workflow --all` prints it (n8n 2.41: the file's fields plus these). */
const asExported = (workflow: Json, version: number): Json => ({
	updatedAt: '2026-12-06T18:16:16.835Z',
	createdAt: '2026-12-06T18:16:16.835Z',
	description: null,
	active: false,
	isArchived: false,
	staticData: null,
	meta: null,
	nodeGroups: [],
	pinData: {},
	activeVersionId: null,
	triggerCount: 0,
	sourceWorkflowId: null,
	tags: [],
	shared: [],
	versionMetadata: { name: null, description: null },
	...workflow,
	versionId: `version-${version}`,
	versionCounter: version,
});

/**
 * The n8n container as the sync sees it through `docker compose`: export prints what it holds,
 * import takes standard input, publish is remembered; psql commands run for real.
 */
class N8nContainer implements CommandRunner {
	readonly held = new Map<string, Json>();
	readonly published: string[] = [];
	readonly imported: string[][] = [];
	readonly restarts: number[] = [];
	private readonly real = createProcessRunner({ quiet: true });
	private version = 0;

	/** What an operator's save in n8n's editor does. */
	edit(id: string, change: (workflow: Json) => void): void {
		const workflow = structuredClone(this.held.get(id)!);
		change(workflow);
		this.held.set(id, asExported(workflow, ++this.version));
	}

	async run(command: Command): Promise<void> {
		if (command.program !== 'docker') return this.real.run(command);
		const line = formatCommand(command);
		if (line.includes('import:workflow')) {
			const workflows = JSON.parse(command.stdin!.text) as Json[];
			this.imported.push(workflows.map((w) => w.id));
			for (const w of workflows) this.held.set(w.id, asExported(w, ++this.version));
		} else if (line.includes('publish:workflow')) {
			this.published.push(/--id=(\w+)/.exec(line)![1]!);
		} else if (line.endsWith('restart n8n')) {
			this.restarts.push(this.published.length);
		} else throw new Error(`unexpected command: ${line}`);
	}

	async capture(command: Command): Promise<string> {
		if (command.program !== 'docker') return this.real.capture(command);
		assert.equal(formatCommand(command), formatCommand(exportWorkflowsCommand(defaultProject)));
		return JSON.stringify([...this.held.values()]);
	}

	reset(): void {
		this.published.length = 0;
		this.imported.length = 0;
		this.restarts.length = 0;
	}
}

describe('n8n-workflows.ts (first-start imports only what changed)', () => {
	let db: TestDatabase;
	let n8n: N8nContainer;
	let files: WorkflowSync['workflows'];
	const sync = (force?: string) =>
		syncWorkflows(
			n8n,
			{
				project: defaultProject,
				postgres: urlTarget(adminUrl),
				database: db.name,
				workflows: files,
				force,
			},
			{ dryRun: false },
		);
	const triage = 'sbInboundTriage1';
	const recorded = async () =>
		JSON.parse(
			(await createProcessRunner({ quiet: true }).capture(
				readRecordCommand(urlTarget(adminUrl), db.name),
			)) || '{}',
		) as Record<string, { file: string; upstream: string }>;

	before(async () => {
		db = await createTestDatabase();
	});
	after(() => db?.drop());
	beforeEach(() => {
		files = structuredClone(readWorkflowSources(paths.n8nWorkflows));
	});

	it('should import every workflow into an empty n8n, record them in its database and publish sub-workflows first', async () => {
		n8n = new N8nContainer();
		assert.deepEqual(await recorded(), {}, 'no table before the first import');
		const { lines } = await sync();
		assert.deepEqual(n8n.imported, [files.map((w) => w.id)]);
		assert.deepEqual(Object.keys(await recorded()).sort(), files.map((w) => w.id).sort());
		assert.ok(n8n.published.indexOf('sbLeadCapture003') < n8n.published.indexOf(triage));
		assert.equal(n8n.published.length, files.length);
		assert.deepEqual(n8n.restarts, [files.length], 'restart after publishing');
		assert.deepEqual(lines, [`n8n: importing ${files.length} of ${files.length} workflows`]);
	});

	it('should import nothing when no file changed, and keep an edit made in n8n unpublished', async () => {
		n8n.reset();
		n8n.edit(triage, (w) => {
			w.nodes[0]!.parameters = { ...(w.nodes[0]!.parameters as object), operatorNote: 'x' };
		});
		const { lines } = await sync();
		assert.deepEqual(n8n.imported, []);
		assert.ok(!n8n.published.includes(triage), "the operator's draft is not put live");
		assert.equal(n8n.published.length, files.length - 1);
		const node = String(n8n.held.get(triage)!.nodes[0]!.name);
		assert.match(
			lines.join('\n'),
			new RegExp(
				`01-inbound-message-triage\\.json \\(${triage}\\) unchanged here; kept as edited in n8n \\(node "${node}" changed\\)`,
			),
		);
		assert.equal(
			(n8n.held.get(triage)!.nodes[0]!.parameters as { operatorNote?: string }).operatorNote,
			'x',
		);
	});

	it('should refuse a changed file over an edit in n8n, naming what differs and how to force it', async () => {
		n8n.reset();
		const changed = (w: (typeof files)[number]) => {
			if (w.id === triage || w.id === 'sbSocialPoster02')
				(w.json as { name: string }).name = `${(w.json as { name: string }).name} v2`;
		};
		files.forEach(changed);
		const { lines } = await sync();
		// The poster changed upstream only: imported. Triage changed on both sides: refused.
		assert.deepEqual(n8n.imported, [['sbSocialPoster02']]);
		assert.match(
			lines.join('\n'),
			/NOT importing 01-inbound-message-triage\.json \(sbInboundTriage1\): .*\(node ".*" changed\)\. Their version stays and runs\..*run first-start\.ts --only=n8n again with SWITCHBOARD_FORCE_WORKFLOWS=01-inbound-message-triage\.json\./,
		);
		assert.equal(
			(n8n.held.get(triage)!.nodes[0]!.parameters as { operatorNote?: string }).operatorNote,
			'x',
		);
		const upstream = (await recorded()).sbSocialPoster02!.upstream;
		assert.notEqual(upstream, undefined);

		n8n.reset();
		const forced = await sync('01-inbound-message-triage.json');
		assert.deepEqual(n8n.imported, [[triage]]);
		assert.match(
			forced.lines.join('\n'),
			/importing 01-inbound-message-triage\.json \(sbInboundTriage1\) over what n8n held/,
		);
		assert.equal(
			(n8n.held.get(triage)!.nodes[0]!.parameters as { operatorNote?: string }).operatorNote,
			undefined,
		);
		assert.ok(n8n.published.includes(triage));
		assert.equal((await recorded()).sbSocialPoster02!.upstream, upstream, 'other records kept');
	});

	it('should keep the record intact whatever its text holds (dollar-quote tags included)', async () => {
		const records = {
			wf: {
				file: 'x.json',
				upstream: 'h',
				live: {
					name: "it's $sb$ and $sb0$ and '; drop table x; --",
					nodes: [{ name: 'n' }],
					connections: {},
					settings: {},
				},
			},
		};
		const runner = createProcessRunner({ quiet: true });
		await runner.run(writeRecordCommand(urlTarget(adminUrl), records, db.name));
		assert.deepEqual(await recorded(), records);
		const command = writeRecordCommand(urlTarget(adminUrl), records, db.name);
		assert.doesNotMatch(formatCommand(command), /drop table/, 'the record travels on stdin');
	});

	it("should fail on an export that is not n8n's JSON list, rather than import over everything", async () => {
		assert.throws(() => parseExport('Error: connection refused'), ProductionError);
		assert.throws(() => parseExport('{}'), /not a list of workflows/);
	});

	it('should print [] for an n8n without workflows, and fail on any other export failure', async () => {
		// The command's shell, with a stand-in for n8n's CLI: n8n 2.41 exits 1 with this log line.
		const script = (cli: string) =>
			exportWorkflowsCommand(defaultProject)
				.args.at(-1)!
				.replaceAll('/usr/local/bin/switchboard-entrypoint.sh', cli);
		const empty = await run('sh', [
			'-c',
			script("sh -c 'echo Error: No workflows found with specified filters; exit 1' --"),
		]);
		assert.equal(empty.stdout.trim(), '[]');
		await assert.rejects(
			run('sh', ['-c', script("sh -c 'echo Error: database is down; exit 1' --")]),
			(err: { stderr: string; code: number }) =>
				err.code === 1 && /database is down/.test(err.stderr),
		);
	});
});
