// first-start's workflow import: what npm start does (scripts/lib/n8n-provision.ts), through the n8n
// CLI in the running n8n container. It exports what n8n holds, imports only the files that changed
// since our last import and never over an operator's edits unless forced (the decisions are
// scripts/lib/workflow-import.ts's), records what it imported, then publishes.
// The record lives in n8n's own database (n8n keeps all its state in PostgreSQL, no volume), so a
// backup or restore of n8n carries it with the workflows it describes.
import { inPublishOrder } from '../lib/n8n-provision.ts';
import type { Command, CommandRunner } from './command.ts';
import { composeCommand, type ComposeProject } from './compose.ts';
import type { PostgresTarget } from './postgres-target.ts';
import { ProductionError } from './production-error.ts';
import {
	decisionLine,
	parseImportRecords,
	planImports,
	recordImports,
	shouldPublish,
	workflowContent,
	type ImportRecords,
	type PlannedImport,
	type WorkflowContent,
	type WorkflowSource,
} from '../lib/workflow-import.ts';

/**
 * compose/n8n/entrypoint.sh in the n8n image: CLI commands run with what the n8n process itself
 * starts with (the owner's hash, pruning), not `exec`'s raw environment.
 */
export const N8N_ENTRYPOINT_IN_IMAGE = '/usr/local/bin/switchboard-entrypoint.sh';

/**
 * `exec` into the running n8n main, on a free task-broker port: the CLI shares main's network
 * namespace, and two brokers on 5679 would stop the CLI (reference/n8n.md §0.6).
 */
export const N8N_CLI_EXEC = ['exec', '-T', '-e', 'N8N_RUNNERS_BROKER_PORT=0', 'n8n'];

/** n8n's database in the compose postgres service (scripts/production/app-databases.ts). */
export const N8N_DATABASE = 'n8n';

/** Our table in n8n's database: one row, the import record (workflow-import.ts ImportRecords). */
const RECORD_TABLE = 'switchboard_imported_workflows';
const CREATE_RECORD_TABLE = `create table if not exists ${RECORD_TABLE} (name text primary key, value jsonb not null, updated_at timestamptz not null default now());`;

const EXPORT_FILE = '/tmp/sb-workflows-export.json';
const IMPORT_FILE = '/tmp/sb-workflows-import.json';

/**
 * `n8n export:workflow --all` to standard output as one JSON array. n8n exits 1 with "No workflows
 * found" on an empty database: that is `[]`; any other failure fails the command with n8n's log.
 */
export function exportWorkflowsCommand(project: ComposeProject): Command {
	return composeCommand(project, [
		...N8N_CLI_EXEC,
		'sh',
		'-c',
		`rm -f ${EXPORT_FILE}; if log=$(${N8N_ENTRYPOINT_IN_IMAGE} export:workflow --all --output=${EXPORT_FILE} 2>&1); then cat ${EXPORT_FILE}; status=$?; elif printf '%s' "$log" | grep -q 'No workflows found'; then echo '[]'; status=0; else printf '%s\\n' "$log" >&2; status=1; fi; rm -f ${EXPORT_FILE}; exit $status`,
	]);
}

/** `n8n import:workflow` of the files given on standard input (a JSON array), nothing else. */
export function importWorkflowsCommand(
	project: ComposeProject,
	workflows: readonly { file: string; json: unknown }[],
): Command {
	return {
		...composeCommand(project, [
			...N8N_CLI_EXEC,
			'sh',
			'-c',
			`cat > ${IMPORT_FILE} && ${N8N_ENTRYPOINT_IN_IMAGE} import:workflow --input=${IMPORT_FILE}; status=$?; rm -f ${IMPORT_FILE}; exit $status`,
		]),
		stdin: {
			text: JSON.stringify(workflows.map((w) => w.json)),
			label: `workflows: ${workflows.map((w) => w.file).join(', ')}`,
		},
	};
}

export function publishCommand(project: ComposeProject, id: string): Command {
	return composeCommand(project, [
		...N8N_CLI_EXEC,
		N8N_ENTRYPOINT_IN_IMAGE,
		'publish:workflow',
		`--id=${id}`,
	]);
}

const psql = (target: PostgresTarget, database: string, args: string[]): Command =>
	target.client('psql', [
		`--dbname=${database}`,
		'--no-psqlrc',
		// Quiet: no command tags (CREATE TABLE) around the record's text.
		'-qAt',
		'-v',
		'ON_ERROR_STOP=1',
		...args,
	]);

/** The record as text; empty before our first import. */
export function readRecordCommand(target: PostgresTarget, database = N8N_DATABASE): Command {
	return psql(target, database, [
		'-c',
		`${CREATE_RECORD_TABLE} select value::text from ${RECORD_TABLE} where name = 'workflows'`,
	]);
}

/** The record goes in on standard input, dollar-quoted with a tag its text does not contain. */
export function writeRecordCommand(
	target: PostgresTarget,
	records: ImportRecords,
	database = N8N_DATABASE,
): Command {
	const json = JSON.stringify(records);
	let tag = '$sb$';
	for (let n = 0; json.includes(tag); n += 1) tag = `$sb${n}$`;
	return {
		...psql(target, database, []),
		stdin: {
			text: `${CREATE_RECORD_TABLE}
insert into ${RECORD_TABLE} (name, value) values ('workflows', ${tag}${json}${tag}::jsonb)
on conflict (name) do update set value = excluded.value, updated_at = now();
`,
			label: `import record of ${Object.keys(records).length} workflows`,
		},
	};
}

/** What `n8n export:workflow --all` printed, by id, reduced to what an edit changes. */
export function parseExport(text: string): Map<string, WorkflowContent> {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		throw new ProductionError(
			`n8n export:workflow printed something other than JSON: ${text.slice(0, 200)}`,
		);
	}
	if (!Array.isArray(json)) {
		throw new ProductionError('n8n export:workflow printed JSON that is not a list of workflows.');
	}
	return new Map(
		json.map((workflow: unknown) => [
			String((workflow as { id?: unknown }).id),
			workflowContent(workflow),
		]),
	);
}

export interface WorkflowSync {
	project: ComposeProject;
	/** Where psql runs against n8n's database (composeTarget in production). */
	postgres: PostgresTarget;
	/** n8n's database, which keeps our import record; default N8N_DATABASE. */
	database?: string;
	/** n8n/workflows/ in file order, each with its JSON and whether other workflows call it. */
	workflows: readonly (WorkflowSource & { subWorkflow: boolean })[];
	/** SWITCHBOARD_FORCE_WORKFLOWS: `all`, or file names or ids separated by commas. */
	force: string | undefined;
}

export interface WorkflowSyncResult {
	planned: PlannedImport<WorkflowSource & { subWorkflow: boolean }>[];
	/** What to tell the operator, one line each. */
	lines: string[];
}

/**
 * Exports, decides, imports what may be imported, records it, publishes (sub-workflows first) and
 * restarts n8n, whose CLI publishing takes effect on the next start (reference/n8n.md §0.3). A dry
 * run prints the commands; as its exports print nothing, every workflow counts as new there.
 */
export async function syncWorkflows(
	runner: CommandRunner,
	sync: WorkflowSync,
	options: { dryRun: boolean },
): Promise<WorkflowSyncResult> {
	const lines: string[] = [];
	const again = 'run first-start.ts --only=n8n again';
	const records = parseImportRecords(
		await runner.capture(readRecordCommand(sync.postgres, sync.database)),
	);
	const exported = await runner.capture(exportWorkflowsCommand(sync.project));
	const live = options.dryRun && !exported ? new Map() : parseExport(exported);
	const planned = planImports({ workflows: sync.workflows, live, records, force: sync.force });
	for (const workflow of planned) {
		const line = decisionLine(workflow, workflow.decision, sync.force ?? '', again);
		if (line) lines.push(line);
	}
	const toImport = planned.filter((w) => w.decision.action === 'import');
	if (toImport.length > 0) {
		lines.push(`n8n: importing ${toImport.length} of ${planned.length} workflows`);
		await runner.run(importWorkflowsCommand(sync.project, toImport));
		const after = await runner.capture(exportWorkflowsCommand(sync.project));
		if (!options.dryRun || after) {
			let next: ImportRecords;
			try {
				next = recordImports(records, toImport, parseExport(after));
			} catch (error) {
				throw new ProductionError((error as Error).message);
			}
			await runner.run(writeRecordCommand(sync.postgres, next, sync.database));
		}
	} else {
		lines.push(`n8n: all ${planned.length} workflows as last imported`);
	}
	const toPublish = planned.filter((w) => shouldPublish(w.decision));
	const ordered = inPublishOrder(toPublish);
	for (const workflow of ordered) await runner.run(publishCommand(sync.project, workflow.id));
	if (ordered.length > 0) await runner.run(composeCommand(sync.project, ['restart', 'n8n']));
	return { planned, lines };
}
