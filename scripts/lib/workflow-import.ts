// Re-importing workflows must not silently overwrite what an operator changed in n8n's editor. After
// each import we record, per workflow, the hash of the file imported and what n8n then held; the next
// run imports a workflow only when its file changed, and not at all when n8n no longer holds what we
// recorded (someone edited it there) unless forced. Pure decisions here; n8n-provision.ts does the I/O.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod/v4';

/** The part of a workflow an edit in the editor changes; ids, versions and timestamps are left out. */
export interface WorkflowContent {
	name: string;
	nodes: Record<string, unknown>[];
	connections: Record<string, unknown>;
	settings: Record<string, unknown>;
}

const workflowSchema = z.looseObject({
	name: z.string(),
	nodes: z.array(z.looseObject({ name: z.string() })),
	connections: z.record(z.string(), z.unknown()).default({}),
	settings: z.record(z.string(), z.unknown()).nullish(),
});

/** A workflow as n8n's API (GET /api/v1/workflows/{id}) or a workflow file has it, reduced to content. */
export function workflowContent(workflow: unknown): WorkflowContent {
	const parsed = workflowSchema.parse(workflow);
	return {
		name: parsed.name,
		nodes: [...parsed.nodes].sort((a, b) => a.name.localeCompare(b.name)),
		connections: parsed.connections,
		settings: parsed.settings ?? {},
	};
}

/** JSON with object keys sorted, so equal content gives equal text whatever the key order. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value)
			.filter(([, child]) => child !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${canonical(child)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

export function contentHash(value: unknown): string {
	return createHash('sha256').update(canonical(value)).digest('hex');
}

/** What one earlier import left: the file's hash and the workflow as n8n held it right after. */
const importRecordSchema = z.object({
	file: z.string(),
	upstream: z.string(),
	live: z.object({
		name: z.string(),
		nodes: z.array(z.record(z.string(), z.unknown())),
		connections: z.record(z.string(), z.unknown()),
		settings: z.record(z.string(), z.unknown()),
	}),
});
export type ImportRecord = z.infer<typeof importRecordSchema>;
const importRecordsSchema = z.record(z.string(), importRecordSchema);
export type ImportRecords = z.infer<typeof importRecordsSchema>;

export function readImportRecords(file: string): ImportRecords {
	return existsSync(file) ? parseImportRecords(readFileSync(file, 'utf8')) : {};
}

/** The record as text (a file, a database row); empty text: none yet. */
export function parseImportRecords(text: string): ImportRecords {
	if (!text.trim()) return {};
	// An unreadable record protects nothing: treat every workflow as never imported by us.
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return {};
	}
	const parsed = importRecordsSchema.safeParse(json);
	return parsed.success ? parsed.data : {};
}

export function writeImportRecords(file: string, records: ImportRecords): void {
	writeFileSync(file, `${JSON.stringify(records, null, '\t')}\n`);
}

/** What changed between two versions of a workflow, one short phrase each, by node name. */
export function describeDifferences(before: WorkflowContent, after: WorkflowContent): string[] {
	const differences: string[] = [];
	if (before.name !== after.name) differences.push(`renamed to "${after.name}"`);
	const byName = (content: WorkflowContent) =>
		new Map(content.nodes.map((node) => [String(node.name), contentHash(node)]));
	const old = byName(before);
	const now = byName(after);
	for (const [name, hash] of now) {
		if (!old.has(name)) differences.push(`node "${name}" added`);
		else if (old.get(name) !== hash) differences.push(`node "${name}" changed`);
	}
	for (const name of old.keys()) if (!now.has(name)) differences.push(`node "${name}" removed`);
	if (contentHash(before.connections) !== contentHash(after.connections)) {
		differences.push('connections changed');
	}
	if (contentHash(before.settings) !== contentHash(after.settings))
		differences.push('settings changed');
	return differences;
}

export type ImportDecision =
	| { action: 'import'; reason: 'new' | 'changed upstream' | 'no record' | 'forced' }
	/** Nothing to import; `edited` lists what the operator changed, which stays as it is. */
	| { action: 'keep'; edited: string[] }
	/** The file changed and so did the workflow in n8n: importing would lose the operator's edits. */
	| { action: 'refuse'; edited: string[] };

export function decideImport(input: {
	/** contentHash of the workflow file's JSON. */
	upstream: string;
	/** The workflow as n8n holds it now; null when n8n has none with that id. */
	live: WorkflowContent | null;
	record: ImportRecord | undefined;
	force: boolean;
}): ImportDecision {
	const { upstream, live, record, force } = input;
	if (live === null) return { action: 'import', reason: 'new' };
	if (force) return { action: 'import', reason: 'forced' };
	// Imported before this record existed: as before, once; from then on edits are kept.
	if (record === undefined) return { action: 'import', reason: 'no record' };
	const edited = describeDifferences(record.live, live);
	if (record.upstream === upstream) return { action: 'keep', edited };
	return edited.length
		? { action: 'refuse', edited }
		: { action: 'import', reason: 'changed upstream' };
}

/**
 * Which workflows to overwrite whatever an operator changed: `all`, or file names and ids separated
 * by commas (SWITCHBOARD_FORCE_WORKFLOWS).
 */
export function forcedWorkflows(
	value: string | undefined,
): (workflow: { file: string; id: string }) => boolean {
	const names = (value ?? '')
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
	if (names.includes('all')) return () => true;
	return ({ file, id }) =>
		names.some((name) => name === file || name === id || `${name}.json` === file);
}

/** A workflow file of n8n/workflows/ with its parsed JSON. */
export interface WorkflowSource {
	file: string;
	id: string;
	json: unknown;
}

export type PlannedImport<W extends WorkflowSource> = W & {
	/** contentHash of the file, recorded once it is imported. */
	upstream: string;
	decision: ImportDecision;
};

/**
 * The decision for each workflow file, npm start's and production's alike: `live` is what n8n holds
 * now by id (n8n's API locally, `n8n export:workflow` in production), `force` the
 * SWITCHBOARD_FORCE_WORKFLOWS value.
 */
export function planImports<W extends WorkflowSource>(input: {
	workflows: readonly W[];
	live: ReadonlyMap<string, WorkflowContent>;
	records: ImportRecords;
	force: string | undefined;
}): PlannedImport<W>[] {
	const isForced = forcedWorkflows(input.force);
	return input.workflows.map((workflow) => {
		const upstream = contentHash(workflow.json);
		const decision = decideImport({
			upstream,
			live: input.live.get(workflow.id) ?? null,
			record: input.records[workflow.id],
			force: isForced(workflow),
		});
		return { ...workflow, upstream, decision };
	});
}

/**
 * Publishing an operator's edited workflow would put their unpublished draft live: only what we
 * imported, or left as we imported it, is published.
 */
export function shouldPublish(decision: ImportDecision): boolean {
	return (
		decision.action === 'import' || (decision.action === 'keep' && decision.edited.length === 0)
	);
}

/**
 * The records after an import: each imported workflow as n8n held it right after (`live`). A
 * workflow n8n does not hold then is an error: the import did not do what it said.
 */
export function recordImports(
	records: ImportRecords,
	imported: readonly { file: string; id: string; upstream: string }[],
	live: ReadonlyMap<string, WorkflowContent>,
): ImportRecords {
	const next = { ...records };
	for (const workflow of imported) {
		const held = live.get(workflow.id);
		if (!held) throw new Error(`n8n does not hold workflow ${workflow.id} after importing it.`);
		next[workflow.id] = { file: workflow.file, upstream: workflow.upstream, live: held };
	}
	return next;
}

/**
 * One line per workflow left as the operator has it, or why it was imported over; null for the
 * ordinary cases. `again` says how to run the import again (npm start, or first-start's n8n step).
 */
export function decisionLine(
	workflow: { file: string; id: string },
	decision: ImportDecision,
	force: string,
	again = 'run again',
): string | null {
	const name = `${workflow.file} (${workflow.id})`;
	if (decision.action === 'refuse') {
		return `n8n: NOT importing ${name}: n8n/workflows/ changed it, and so did someone in n8n's editor since our last import (${decision.edited.join('; ')}). Their version stays and runs. To keep both, copy the edits into the file (editor › Download) and ${again}; to replace them with the file, ${again} with SWITCHBOARD_FORCE_WORKFLOWS=${workflow.file}${force ? `,${force}` : ''}.`;
	}
	if (decision.action === 'keep' && decision.edited.length > 0) {
		return `n8n: ${name} unchanged here; kept as edited in n8n (${decision.edited.join('; ')}).`;
	}
	if (decision.action === 'import' && decision.reason === 'forced') {
		return `n8n: importing ${name} over what n8n held (SWITCHBOARD_FORCE_WORKFLOWS).`;
	}
	return null;
}
