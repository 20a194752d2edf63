// Reads what the go-live checklist judges, each from where it really is: Chatwoot's inboxes and
// teams (its API), the business info, FAQ and message templates the bot reads (Directus), the
// WABA's callback (Meta's Graph API), the backups on disk. A read that fails becomes that item's "to do", never a crash.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readItems } from '@directus/sdk';
import { createChatwootClient } from '@switchboard/glue/chatwoot';
import { connectDirectus, createContentReader } from '@switchboard/glue/content';
import { z } from 'zod/v4';
import { mailAddressesFromEnv } from '../lib/smtp-url.ts';
import { MANIFEST, parseBackupFolderName } from './backup-folder.ts';
import type { EnvValues } from './env-file.ts';
import {
	ALL_DEPARTMENTS,
	type ChatwootFacts,
	type DirectusFacts,
	type MailFacts,
	type Outcome,
	type TemplateFacts,
} from './go-live-items.ts';

function failure(error: unknown): { ok: false; error: string } {
	const message = error instanceof Error ? error.message : String(error);
	return { ok: false, error: message.split('\n')[0] ?? 'failed' };
}

async function outcome<T>(read: () => Promise<T>): Promise<Outcome<T>> {
	try {
		return { ok: true, value: await read() };
	} catch (error) {
		return failure(error);
	}
}

export async function readChatwootFacts(options: {
	baseUrl: string;
	accessToken: string;
	accountId: number;
}): Promise<Outcome<ChatwootFacts>> {
	return outcome(async () => {
		const client = createChatwootClient({ ...options, retries: 1, timeoutMs: 10_000 });
		const [inboxes, teams] = await Promise.all([client.inboxes.list(), client.teams.list()]);
		const members = await Promise.all(teams.map((team) => client.teams.listMembers(team.id)));
		return {
			whatsappNumbers: inboxes
				.filter((inbox) => inbox.channel_type === 'Channel::Whatsapp' && inbox.phone_number)
				.map((inbox) => inbox.phone_number!),
			teams: teams.map((team, i) => ({ name: team.name, members: members[i]?.length ?? 0 })),
		};
	});
}

export async function readDirectusFacts(options: {
	url: string;
	token: string;
}): Promise<Outcome<DirectusFacts>> {
	return outcome(async () => {
		const reader = createContentReader({ ...options, cacheTtlMs: 0 });
		// The record the bot reads, through the same reader: what fails here fails in the triage.
		const business = await outcome(async () => {
			const info = await reader.businessInfo();
			const openDays = Object.values(info.openingHours).filter((day) => day?.length).length;
			return { name: info.name, timeZone: info.timeZone, openDays };
		});
		const api = connectDirectus<{
			faq: { department: string | null; status: string }[];
			message_templates: TemplateRow[];
			whatsapp_approved_templates: { name: string; language: string; status: string }[];
		}>(options);
		const [faq, templates, approved] = await Promise.all([
			api.request(
				readItems('faq', {
					fields: ['department'],
					filter: { status: { _eq: 'published' } },
					limit: -1,
				}),
				'faq',
			),
			api.request(
				readItems('message_templates', {
					fields: [
						'key',
						'language',
						'channel',
						'status',
						'whatsapp_template_name',
						'whatsapp_language_code',
					],
					limit: -1,
				}),
				'message_templates',
			),
			api.request(
				readItems('whatsapp_approved_templates', {
					fields: ['name', 'language', 'status'],
					limit: -1,
				}),
				'whatsapp_approved_templates',
			),
		]);
		const faqByDepartment: Record<string, number> = {};
		for (const item of faq) {
			const key = item.department ?? ALL_DEPARTMENTS;
			faqByDepartment[key] = (faqByDepartment[key] ?? 0) + 1;
		}
		return {
			business,
			faqByDepartment,
			templates: { published: publishedTemplates(templates), approved },
		};
	});
}

interface TemplateRow {
	key: string;
	language: string;
	channel: string | null;
	status: string | null;
	whatsapp_template_name: string | null;
	whatsapp_language_code: string | null;
}

/** As glue/templates reads them: no status is published, no channel is WhatsApp text. */
function publishedTemplates(rows: TemplateRow[]): TemplateFacts['published'] {
	return rows
		.filter((row) => (row.status ?? 'published') === 'published')
		.map((row) => ({
			key: row.key,
			language: row.language,
			channel: row.channel ?? 'whatsapp_session',
			whatsapp:
				row.whatsapp_template_name && row.whatsapp_language_code
					? { name: row.whatsapp_template_name, language: row.whatsapp_language_code }
					: null,
		}));
}

const subscribedAppsSchema = z.object({
	data: z.array(z.object({ override_callback_uri: z.string().optional() })),
});

/**
 * The WABA's override callback from `GET /{waba-id}/subscribed_apps` (reference/meta.md §4): set by
 * compose/README.md's step 3, undone each time Chatwoot creates a WhatsApp inbox.
 */
export async function readMetaCallback(
	env: EnvValues,
	fetchImpl: typeof fetch = fetch,
): Promise<Outcome<string | null>> {
	const empty = ['META_WABA_ID', 'META_WHATSAPP_TOKEN'].filter((name) => !env[name]);
	if (empty.length) {
		return {
			ok: false,
			error: `cannot ask Meta where it sends webhooks: set ${empty.join(' and ')} in .env`,
		};
	}
	const base = (env.META_GRAPH_URL || 'https://graph.facebook.com').replace(/\/+$/, '');
	const url = `${base}/${env.META_API_VERSION || 'v23.0'}/${env.META_WABA_ID}/subscribed_apps`;
	return outcome(async () => {
		const response = await fetchImpl(url, {
			headers: { authorization: `Bearer ${env.META_WHATSAPP_TOKEN}` },
			signal: AbortSignal.timeout(10_000),
		});
		if (!response.ok) {
			throw new Error(
				`Meta answered ${response.status} to GET /${env.META_WABA_ID}/subscribed_apps: check META_WABA_ID and META_WHATSAPP_TOKEN (whatsapp_business_management)`,
			);
		}
		const apps = subscribedAppsSchema.parse(await response.json()).data;
		if (!apps.length)
			throw new Error(
				'no app is subscribed to the WABA: see compose/README.md, "WhatsApp callback"',
			);
		return apps.find((app) => app.override_callback_uri)?.override_callback_uri ?? null;
	});
}

/**
 * The mail server and the sender the workflows mail with, as first-start's n8n step derives it
 * (n8n-credentials.ts, mailAddressesFromEnv: no fallback in production).
 */
export function readMailFacts(env: EnvValues): MailFacts {
	return {
		sender: mailAddressesFromEnv(env).mailFrom,
		smtpHost: env.SMTP_ADDRESS?.trim() ?? '',
	};
}

/** BACKUP_DIR and its newest finished backup (a dated folder holding manifest.json). */
export function readBackupFacts(
	dir: string | undefined,
): Outcome<{ dir: string; newest: Date | null }> {
	if (!dir) {
		return {
			ok: false,
			error:
				'BACKUP_DIR is empty in .env: set it (ideally another disk), then run backup.ts nightly',
		};
	}
	if (!existsSync(dir)) {
		return {
			ok: false,
			error: `BACKUP_DIR ${dir} does not exist: run backup.ts once and add its nightly cron line`,
		};
	}
	const dates = readdirSync(dir, { withFileTypes: true })
		.filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, MANIFEST)))
		.map((entry) => parseBackupFolderName(entry.name))
		.filter((date): date is Date => date !== null);
	const newest = dates.reduce<Date | null>((a, b) => (a && a > b ? a : b), null);
	return { ok: true, value: { dir, newest } };
}

const outcomeSchema = <T extends z.ZodType>(value: T) =>
	z.union([
		z.object({ ok: z.literal(true), value }),
		z.object({ ok: z.literal(false), error: z.string() }),
	]);

/** What `go-live-check.ts --stack-facts` prints inside the stack and the host reads back. */
export const stackFactsSchema = z.object({
	chatwoot: outcomeSchema(
		z.object({
			whatsappNumbers: z.array(z.string()),
			teams: z.array(z.object({ name: z.string(), members: z.number() })),
		}),
	),
	directus: outcomeSchema(
		z.object({
			business: outcomeSchema(
				z.object({ name: z.string(), timeZone: z.string(), openDays: z.number() }),
			),
			faqByDepartment: z.record(z.string(), z.number()),
			templates: z.object({
				published: z.array(
					z.object({
						key: z.string(),
						language: z.string(),
						channel: z.string(),
						whatsapp: z.object({ name: z.string(), language: z.string() }).nullable(),
					}),
				),
				approved: z.array(z.object({ name: z.string(), language: z.string(), status: z.string() })),
			}),
		}),
	),
});
export type StackFacts = z.infer<typeof stackFactsSchema>;
