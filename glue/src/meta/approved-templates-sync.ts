// Meta's message templates → the read-only `whatsapp_approved_templates` collection in Directus, from
// which marketing picks. A template Meta no longer lists stays, marked DELETED, so a message
// template mapped to it shows why it cannot be sent; nothing is marked gone unless the listing was
// complete (a failure midway throws before anything is written).
import type { ApprovedTemplatesSettings } from './approved-templates-settings.ts';
import { createMetaClient } from './client.ts';
import type { MetaClientDeps } from './config.ts';
import type { ApprovedTemplate } from './whatsapp-approved-template.ts';
import type { WhatsAppTemplatesResource } from './resource-whatsapp-templates.ts';
import { templateParameters } from './whatsapp-template-parameters.ts';

export const APPROVED_TEMPLATES_COLLECTION = 'whatsapp_approved_templates';
/** The status a record gets when Meta stops listing its template. */
export const GONE_STATUS = 'DELETED';

/** One record of the collection (Directus's field names). */
export interface ApprovedTemplateRow {
	/** `<name>:<language>`, e.g. `order_ready:en_US`: stable when Meta recreates a template. */
	id: string;
	name: string;
	language: string;
	category: string | null;
	status: string;
	/** The approved body with its {{1}}… placeholders, for people to read. */
	body_text: string | null;
	parameter_format: 'POSITIONAL' | 'NAMED';
	components: unknown[];
	/** text, image, video, document, location, or null for no header value. */
	header_parameter: string | null;
	body_parameter_count: number;
	button_parameter_count: number;
	rejected_reason: string | null;
	meta_id: string | null;
	synced_at: string;
}

/** Where the rows live; Directus's REST API (CLI, tests) or its ItemsService (the extension). */
export interface ApprovedTemplateStore {
	list(): Promise<ApprovedTemplateRow[]>;
	create(rows: ApprovedTemplateRow[]): Promise<void>;
	update(id: string, changes: Partial<ApprovedTemplateRow>): Promise<void>;
}

export interface SyncApprovedTemplatesInput {
	whatsapp: WhatsAppTemplatesResource;
	wabaId: string;
	store: ApprovedTemplateStore;
	now?: () => Date;
}

export interface SyncResult {
	/** Templates Meta listed (every status). */
	listed: number;
	created: string[];
	updated: string[];
	/** Marked DELETED now: Meta no longer lists them. */
	gone: string[];
	unchanged: number;
}

export const approvedTemplateId = (name: string, language: string) => `${name}:${language}`;

export function approvedTemplateRow(
	template: ApprovedTemplate,
	syncedAt: Date,
): ApprovedTemplateRow {
	const params = templateParameters(template);
	const rejected = (template as { rejected_reason?: unknown }).rejected_reason;
	return {
		id: approvedTemplateId(template.name, template.language),
		name: template.name,
		language: template.language,
		category: template.category ?? null,
		status: template.status,
		body_text: bodyText(template),
		parameter_format: template.parameter_format,
		components: template.components,
		header_parameter: params.header?.kind ?? null,
		body_parameter_count: params.body.length,
		button_parameter_count: params.buttons.filter((b) => b.required).length,
		rejected_reason: typeof rejected === 'string' && rejected !== 'NONE' ? rejected : null,
		meta_id: template.id ?? null,
		synced_at: syncedAt.toISOString(),
	};
}

function bodyText(template: ApprovedTemplate): string | null {
	const body = template.components.find((component) => component.type === 'BODY');
	return typeof body?.text === 'string' ? body.text : null;
}

const COMPARED = [
	'category',
	'status',
	'body_text',
	'parameter_format',
	'components',
	'header_parameter',
	'body_parameter_count',
	'button_parameter_count',
	'rejected_reason',
	'meta_id',
] as const;

function changesOf(saved: ApprovedTemplateRow, next: ApprovedTemplateRow) {
	const changed = COMPARED.filter(
		(field) => JSON.stringify(saved[field] ?? null) !== JSON.stringify(next[field]),
	);
	if (changed.length === 0) return null;
	return Object.fromEntries(
		[...changed, 'synced_at'].map((f) => [f, next[f as keyof ApprovedTemplateRow]]),
	);
}

export async function syncApprovedTemplates(
	input: SyncApprovedTemplatesInput,
): Promise<SyncResult> {
	const now = (input.now ?? (() => new Date()))();
	const listed = await input.whatsapp.listTemplates(input.wabaId);
	const saved = new Map((await input.store.list()).map((row) => [row.id, row]));
	const result: SyncResult = {
		listed: listed.length,
		created: [],
		updated: [],
		gone: [],
		unchanged: 0,
	};
	const fresh: ApprovedTemplateRow[] = [];
	const seen = new Set<string>();
	for (const template of listed) {
		const row = approvedTemplateRow(template, now);
		if (seen.has(row.id)) continue;
		seen.add(row.id);
		const before = saved.get(row.id);
		if (!before) {
			fresh.push(row);
			continue;
		}
		const changes = changesOf(before, row);
		if (!changes) {
			result.unchanged += 1;
			continue;
		}
		await input.store.update(row.id, changes);
		result.updated.push(row.id);
	}
	if (fresh.length > 0) await input.store.create(fresh);
	result.created = fresh.map((row) => row.id);
	for (const [id, row] of saved) {
		if (seen.has(id) || row.status === GONE_STATUS) continue;
		await input.store.update(id, { status: GONE_STATUS, synced_at: now.toISOString() });
		result.gone.push(id);
	}
	return result;
}

/** The sync with a Meta client built from the settings (the CLI's and the extension's entry). */
export function runApprovedTemplatesSync(
	settings: ApprovedTemplatesSettings,
	store: ApprovedTemplateStore,
	deps: MetaClientDeps & { now?: () => Date } = {},
): Promise<SyncResult> {
	const { now, ...clientDeps } = deps;
	const client = createMetaClient({
		graphBaseUrl: settings.graphBaseUrl,
		apiVersion: settings.apiVersion,
		accessToken: settings.accessToken,
		appSecret: settings.appSecret,
		...clientDeps,
	});
	return syncApprovedTemplates({ whatsapp: client.whatsapp, wabaId: settings.wabaId, store, now });
}
