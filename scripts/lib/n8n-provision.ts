// Puts our credentials and workflows into a running n8n: credentials and workflows through n8n's
// own CLI (the only way to keep the fixed ids the workflow JSON refers to), then publishing through
// the public API, which the running instance acts on at once (the CLI's publish waits for a restart).
// Workflows an operator changed in the editor are kept (workflow-import.ts).
import {
	copyFileSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SWITCHBOARD_SECRET_HEADER } from '@switchboard/glue/common';
import { z } from 'zod/v4';
import type { ClaudeModelSettings } from './claude-model.ts';
import { runToCompletion } from './managed-process.ts';
import type { N8nHandle } from './n8n.ts';
import type { Runtimes } from './runtimes.ts';
import { StackError } from './stack-error.ts';
import {
	decisionLine,
	planImports,
	readImportRecords,
	recordImports,
	shouldPublish,
	workflowContent,
	writeImportRecords,
	type ImportDecision,
	type WorkflowContent,
} from './workflow-import.ts';

export const WORKFLOWS_DIR = join(import.meta.dirname, '..', '..', 'n8n', 'workflows');

/** The ids the workflow JSON names its credentials by; n8n matches a node's credential on the id. */
export const CREDENTIALS = {
	chatwoot: {
		id: 'sbChatwootBot001',
		name: 'Chatwoot (Switchboard bot)',
		type: 'switchboardChatwootApi',
	},
	claude: { id: 'sbClaudeApi00001', name: 'Claude', type: 'switchboardClaudeApi' },
	directus: {
		id: 'sbDirectusAuto01',
		name: 'Directus (automation token)',
		type: 'switchboardDirectusApi',
	},
	meta: { id: 'sbMetaGraph00001', name: 'Meta Graph API (Page)', type: 'switchboardMetaGraphApi' },
	logStore: {
		id: 'sbLogStorePg0001',
		name: 'Switchboard log (Postgres)',
		type: 'switchboardPostgresApi',
	},
	gatewaySecret: { id: 'sbGatewayAuth001', name: 'Gateway forward secret', type: 'httpHeaderAuth' },
	promotionHookSecret: {
		id: 'sbPromoHookAuth1',
		name: 'Directus promotion hook secret',
		type: 'httpHeaderAuth',
	},
	smtp: { id: 'sbMarketingSmtp1', name: 'Marketing mail (SMTP)', type: 'smtp' },
	appointments: {
		id: 'sbAppointments01',
		name: 'Appointments (Google Calendar, SMTP)',
		type: 'switchboardAppointmentsApi',
	},
} as const;

export type CredentialKey = keyof typeof CREDENTIALS;

/** Production webhook paths of workflows 01 (the gateway forwards there) and 02 (the promotions hook). */
export const INBOUND_WEBHOOK_PATH = 'webhook/switchboard/inbound';
export const PROMOTION_WEBHOOK_PATH = 'webhook/switchboard/promotion';

export interface CredentialValues {
	chatwoot?: { url: string; accessToken: string; accountId: number };
	/** The key and base URL, plus the model and prices every Claude node reads (claude-model.ts). */
	claude?: { apiKey: string; baseUrl?: string } & ClaudeModelSettings;
	directus?: { url: string; token: string };
	meta?: {
		accessToken: string;
		appSecret?: string;
		pageId: string;
		instagramAccountId: string;
		apiVersion?: string;
		baseUrl?: string;
	};
	logStore?: {
		host: string;
		port: number;
		database: string;
		user: string;
		password: string;
		ssl?: 'disable' | 'require' | 'verify';
		/**
		 * The stack's e-mail addresses (smtp-url.ts, mailAddressesFromEnv): the dead-letter report's
		 * recipient (workflow 04), marketing for TikTok posts (workflow 02), and the one sender.
		 */
		operationsEmail?: string;
		marketingEmail?: string;
		mailFrom?: string;
	};
	gatewaySecret?: string;
	promotionHookSecret?: string;
	smtp?: {
		host: string;
		port: number;
		user: string;
		password: string;
		secure: boolean;
		/** True for the local SMTP sink only: a real server gets STARTTLS whenever it offers it. */
		disableStartTls: boolean;
	};
	/** Google Calendar (workflows 06 and 07) and the SMTP server of the invites. */
	appointments?: {
		kind: 'service_account' | 'oauth';
		clientEmail?: string;
		privateKey?: string;
		clientId?: string;
		clientSecret?: string;
		refreshToken?: string;
		apiUrl?: string;
		tokenUrl?: string;
		smtpUrl?: string;
		organizerName?: string;
		organizerEmail?: string;
	};
}

/** The Switchboard Log credential for the log store at a postgres:// URL on a local server. */
export function logStoreCredential(databaseUrl: string): NonNullable<CredentialValues['logStore']> {
	const db = new URL(databaseUrl);
	return {
		host: db.hostname,
		port: Number(db.port || 5432),
		database: db.pathname.slice(1),
		user: decodeURIComponent(db.username),
		password: decodeURIComponent(db.password),
		ssl: 'disable',
	};
}

interface CredentialRecord {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export function credentialRecords(values: CredentialValues): CredentialRecord[] {
	const records: CredentialRecord[] = [];
	for (const key of Object.keys(CREDENTIALS) as CredentialKey[]) {
		const value = values[key];
		if (value === undefined) continue;
		const data =
			key === 'gatewaySecret' || key === 'promotionHookSecret'
				? { name: SWITCHBOARD_SECRET_HEADER, value }
				: (value as Record<string, unknown>);
		records.push({ ...CREDENTIALS[key], data });
	}
	return records;
}

export interface WorkflowFile {
	file: string;
	id: string;
	/** Called by other workflows (Execute Workflow Trigger): n8n publishes it before its callers. */
	subWorkflow: boolean;
}

const workflowJsonSchema = z.looseObject({
	id: z.string().min(1),
	nodes: z.array(z.looseObject({ type: z.unknown() })).optional(),
});

/**
 * The workflow files of `dir` in file-name order. `n8n import:workflow` needs an id in every file
 * (reference/n8n.md §0.5), so a file without one is an error here already.
 */
export function readWorkflowFiles(dir = WORKFLOWS_DIR): WorkflowFile[] {
	return readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const parsed = workflowJsonSchema.safeParse(
				JSON.parse(readFileSync(join(dir, file), 'utf8')),
			);
			if (!parsed.success) {
				const idProblem = parsed.error.issues.some((issue) => issue.path[0] === 'id');
				throw new StackError(
					`${join(dir, file)}: ${idProblem ? 'a workflow needs a string "id" to be imported' : '"nodes" is not a list of nodes'}`,
				);
			}
			const subWorkflow = (parsed.data.nodes ?? []).some(
				(node) => node.type === 'n8n-nodes-base.executeWorkflowTrigger',
			);
			return { file, id: parsed.data.id, subWorkflow };
		});
}

/** n8n refuses to publish a workflow that calls an unpublished one: sub-workflows go first. */
export function inPublishOrder<W extends { subWorkflow: boolean }>(workflows: readonly W[]): W[] {
	return [...workflows.filter((w) => w.subWorkflow), ...workflows.filter((w) => !w.subWorkflow)];
}

async function n8nCli(n8n: N8nHandle, runtimes: Runtimes, args: string[]): Promise<void> {
	const { code, tail } = await runToCompletion({
		name: `n8n ${args[0]}`,
		command: process.execPath,
		args: [runtimes.n8nBin, ...args],
		// The CLI must not fight the running server for its task-broker port.
		env: { ...n8n.env, N8N_RUNNERS_ENABLED: 'false', N8N_RUNNERS_BROKER_PORT: '0' },
		cwd: n8n.userFolder,
		logFile: `${n8n.logFile}.cli`,
	});
	if (code !== 0) {
		throw new StackError(`n8n ${args[0]} failed (exit ${code}).`, tail);
	}
}

async function publish(n8n: N8nHandle, id: string): Promise<void> {
	const res = await fetch(`${n8n.url}/api/v1/workflows/${id}/publish`, {
		method: 'POST',
		headers: { 'X-N8N-API-KEY': n8n.apiKey, 'content-type': 'application/json' },
		body: '{}',
	});
	const text = await res.text();
	if (!res.ok) {
		throw new StackError(`n8n did not publish workflow ${id} (HTTP ${res.status}).`, text);
	}
}

export interface ProvisionOptions {
	credentials: CredentialValues;
	/** Workflow files to import and publish; all of n8n/workflows/ when omitted. */
	workflows?: string[];
	workflowsDir?: string;
	/**
	 * Workflows to import even where an operator changed them in n8n (SWITCHBOARD_FORCE_WORKFLOWS):
	 * `all`, or file names and ids separated by commas. Otherwise such a workflow is kept as it is.
	 */
	force?: string;
	onProgress?: (line: string) => void;
}

export type ProvisionedWorkflow = WorkflowFile & { decision: ImportDecision };

/** Where we record what we last imported: beside n8n's own data, so the two go together. */
export function importRecordsFile(n8n: Pick<N8nHandle, 'userFolder'>): string {
	return join(n8n.userFolder, 'switchboard-imported-workflows.json');
}

/** The workflow as n8n holds it now (its editor saves there), or null when it has none by that id. */
async function liveWorkflow(n8n: N8nHandle, id: string): Promise<WorkflowContent | null> {
	const res = await fetch(`${n8n.url}/api/v1/workflows/${encodeURIComponent(id)}`, {
		headers: { 'X-N8N-API-KEY': n8n.apiKey },
	});
	if (res.status === 404) return null;
	const text = await res.text();
	if (!res.ok) {
		throw new StackError(`n8n did not return workflow ${id} (HTTP ${res.status}).`, text);
	}
	return workflowContent(JSON.parse(text));
}

/** What n8n holds now of these ids; an id it lacks is absent from the map. */
async function liveWorkflows(n8n: N8nHandle, ids: string[]): Promise<Map<string, WorkflowContent>> {
	const live = new Map<string, WorkflowContent>();
	for (const id of ids) {
		const workflow = await liveWorkflow(n8n, id);
		if (workflow) live.set(id, workflow);
	}
	return live;
}

/**
 * Imports credentials, then the workflows whose file changed since our last import (or that n8n
 * lacks), never over an operator's edits unless forced, and publishes what it imported or left
 * untouched; a workflow an operator edited is left as they left it, published or not.
 */
export async function provisionN8n(
	n8n: N8nHandle,
	runtimes: Runtimes,
	options: ProvisionOptions,
): Promise<ProvisionedWorkflow[]> {
	const say = options.onProgress ?? (() => {});
	const dir = options.workflowsDir ?? WORKFLOWS_DIR;
	const all = readWorkflowFiles(dir);
	const chosen = options.workflows ? all.filter((w) => options.workflows!.includes(w.file)) : all;
	const recordsFile = importRecordsFile(n8n);
	const records = readImportRecords(recordsFile);
	const scratch = mkdtempSync(join(tmpdir(), 'switchboard-n8n-import-'));
	try {
		const credentials = credentialRecords(options.credentials);
		if (credentials.length > 0) {
			const file = join(scratch, 'credentials.json');
			// Plain-text secrets live here only until n8n has encrypted them into its database.
			writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
			say(`n8n: importing ${credentials.length} credentials`);
			await n8nCli(n8n, runtimes, ['import:credentials', `--input=${file}`]);
		}
		const live = await liveWorkflows(
			n8n,
			chosen.map((w) => w.id),
		);
		const planned = planImports({
			workflows: chosen.map((w) => ({
				...w,
				json: JSON.parse(readFileSync(join(dir, w.file), 'utf8')) as unknown,
			})),
			live,
			records,
			force: options.force,
		});
		for (const workflow of planned) {
			const line = decisionLine(workflow, workflow.decision, options.force ?? '');
			if (line) say(line);
		}
		const toImport = planned.filter((w) => w.decision.action === 'import');
		if (toImport.length > 0) {
			const workflowsDir = join(scratch, 'workflows');
			mkdirSync(workflowsDir);
			for (const workflow of toImport) {
				copyFileSync(join(dir, workflow.file), join(workflowsDir, workflow.file));
			}
			say(`n8n: importing ${toImport.length} of ${chosen.length} workflows`);
			await n8nCli(n8n, runtimes, ['import:workflow', '--separate', `--input=${workflowsDir}`]);
		} else {
			say(`n8n: all ${chosen.length} workflows as last imported`);
		}
		const toPublish = planned.filter((w) => shouldPublish(w.decision));
		for (const workflow of inPublishOrder(toPublish)) {
			await publish(n8n, workflow.id);
			say(`n8n: published ${workflow.id} (${workflow.file})`);
		}
		if (toImport.length > 0) {
			const after = await liveWorkflows(
				n8n,
				toImport.map((w) => w.id),
			);
			let next: typeof records;
			try {
				next = recordImports(records, toImport, after);
			} catch (error) {
				throw new StackError((error as Error).message);
			}
			writeImportRecords(recordsFile, next);
		}
		return planned.map(({ file, id, subWorkflow, decision }) => ({
			file,
			id,
			subWorkflow,
			decision,
		}));
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
}
