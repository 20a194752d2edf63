// Demo content (directus/seed/northwind-fibre.json), upserted by natural key: a second run on the
// same day changes nothing. Promotion dates are written relative to the seeding day, at wall-clock
// times in the business's time zone, so the "live" promotions are live whenever the seed ran.
import { z } from 'zod/v4';
import { connectDirectus, type DirectusApi, type DirectusConnection } from '../directus-client.ts';
import { ContentResponseError, ContentSetupError } from '../errors.ts';
import {
	toBusinessInfo,
	toDepartment,
	toFaq,
	toMessageTemplate,
	toPlan,
	toPromotion,
	toStageGuidance,
	type DirectusRecord,
} from '../records.ts';
import { systemClock, type Clock } from '../ttl-cache.ts';
import { wallClock } from '../../common/zoned-time.ts';
import { approvedTemplateRow } from '../../meta/approved-templates-sync.ts';
import { approvedTemplateSchema } from '../../meta/whatsapp-approved-template.ts';
import { recordProblems } from '../../templates/validate.ts';
import { differingKeys, type SetupResult } from './changes.ts';
import { displayName, readSetupFile, SETUP_FILES } from './files.ts';

const record = z.record(z.string(), z.unknown());
const relativeDate = z.object({
	/** Days from the seeding day (negative: in the past). */
	days: z.int(),
	time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM'),
});

export const seedFileSchema = z.object({
	business_info: record,
	departments: z.array(record),
	faq: z.array(record),
	plans: z.array(record),
	promotions: z.array(
		z.looseObject({ title: z.string(), starts_at: relativeDate, ends_at: relativeDate }),
	),
	/**
	 * WhatsApp templates Meta approved for the demo WABA, as Meta lists them (the simulator's
	 * seeded ones), so that the whatsapp_template message templates below can name them; the
	 * approved-templates sync keeps them in step with Meta from then on.
	 */
	whatsapp_approved_templates: z.array(approvedTemplateSchema).default([]),
	message_templates: z.array(record),
	/** The AI's instructions per lifecycle stage (@switchboard/glue/stages), one per stage. */
	stages: z.array(record).default([]),
	/** What customers can book in chat, and the booking rules (@switchboard/glue/booking). */
	services: z.array(record).default([]),
	booking_settings: record.optional(),
	/** Broadcast opt-out and opt-in words per language (@switchboard/glue/audience). */
	opt_out_keywords: z.array(record).default([]),
});
export type SeedFile = z.output<typeof seedFileSchema>;

export interface ApplySeedOptions {
	/** An admin's static token. */
	directus: DirectusConnection;
	file?: URL;
	/** "Today" for the relative promotion dates. */
	clock?: Clock;
	dryRun?: boolean;
}

interface Upsert {
	collection: string;
	/** The primary key field. */
	primary: string;
	naturalKey: (item: DirectusRecord) => string;
	label: (item: DirectusRecord) => string;
	items: DirectusRecord[];
}

export async function applyDirectusSeed(options: ApplySeedOptions): Promise<SetupResult> {
	const file = options.file ?? SETUP_FILES.seed;
	const fileName = displayName(file);
	const seed = readSetupFile(file, seedFileSchema);
	const now = (options.clock ?? systemClock).now();
	const timeZone = String(seed.business_info.time_zone);
	const promotions = seed.promotions.map((promotion) => ({
		...promotion,
		starts_at: localDate(now, timeZone, promotion.starts_at),
		ends_at: localDate(now, timeZone, promotion.ends_at),
	}));
	// Without synced_at: the seed writes what Meta approved, the sync says when it last looked.
	const approved = seed.whatsapp_approved_templates.map((template) => {
		const row: DirectusRecord = { ...approvedTemplateRow(template, new Date(now)) };
		delete row.synced_at;
		return row;
	});
	validate(seed, promotions, fileName, approved);

	const api = connectDirectus<object>(options.directus);
	const dryRun = options.dryRun ?? false;
	const result: SetupResult = { changes: [], skipped: [] };
	await upsertSingleton(api, 'business_info', seed.business_info, result, dryRun);
	if (seed.booking_settings) {
		await upsertSingleton(api, 'booking_settings', seed.booking_settings, result, dryRun);
	}
	const quoted = (value: unknown) => JSON.stringify(String(value));
	const upserts: Upsert[] = [
		{
			// Before message_templates: the hook checks each WhatsApp mapping against these.
			collection: 'whatsapp_approved_templates',
			primary: 'id',
			naturalKey: (item) => String(item.id),
			label: (item) => String(item.id),
			items: approved,
		},
		{
			collection: 'departments',
			primary: 'key',
			naturalKey: (item) => String(item.key),
			label: (item) => String(item.key),
			items: seed.departments,
		},
		{
			collection: 'faq',
			primary: 'id',
			naturalKey: (item) => [item.department ?? '', item.language, item.question].join('\n'),
			label: (item) => `${quoted(item.question)} (${String(item.language)})`,
			items: seed.faq,
		},
		{
			collection: 'plans',
			primary: 'id',
			naturalKey: (item) => String(item.name),
			label: (item) => quoted(item.name),
			items: seed.plans,
		},
		{
			collection: 'promotions',
			primary: 'id',
			naturalKey: (item) => String(item.title),
			label: (item) => quoted(item.title),
			items: promotions,
		},
		{
			collection: 'message_templates',
			primary: 'id',
			// Rows from before templates had a channel are WhatsApp session texts (the column's default).
			naturalKey: (item) =>
				[item.key, item.language, item.channel ?? 'whatsapp_session'].map(String).join('\n'),
			label: (item) =>
				`${String(item.key)} (${String(item.language)}, ${String(item.channel ?? 'whatsapp_session')})`,
			items: seed.message_templates,
		},
		{
			collection: 'opt_out_keywords',
			primary: 'language',
			naturalKey: (item) => String(item.language),
			label: (item) => `opt-out words (${String(item.language)})`,
			items: seed.opt_out_keywords,
		},
		{
			collection: 'services',
			primary: 'key',
			naturalKey: (item) => String(item.key),
			label: (item) => `service ${String(item.key)}`,
			items: seed.services,
		},
		{
			collection: 'stages',
			primary: 'stage',
			naturalKey: (item) => String(item.stage),
			label: (item) => `stage ${String(item.stage)}`,
			items: seed.stages,
		},
	];
	for (const upsert of upserts) await upsertItems(api, upsert, result, dryRun);
	return result;
}

/** "2026-03-01T09:00:00": the seeding day plus `days`, at `time`, on the business's clock. */
export function localDate(
	now: number,
	timeZone: string,
	date: z.output<typeof relativeDate>,
): string {
	const today = wallClock(now, timeZone);
	const day = new Date(Date.UTC(today.year, today.month - 1, today.day + date.days));
	return `${day.toISOString().slice(0, 10)}T${date.time}:00`;
}

/** The seed must satisfy the same contract the reader enforces. */
function validate(
	seed: SeedFile,
	promotions: DirectusRecord[],
	fileName: string,
	approved: readonly DirectusRecord[],
): void {
	const timeZone = String(seed.business_info.time_zone);
	const checks: [string, DirectusRecord[], (item: DirectusRecord) => unknown][] = [
		['business_info', [{ id: 1, ...seed.business_info }], toBusinessInfo],
		['departments', seed.departments, toDepartment],
		['faq', seed.faq, (item) => toFaq({ id: 1, ...item })],
		['plans', seed.plans, (item) => toPlan({ id: 1, ...item })],
		[
			'promotions',
			promotions,
			(item) => toPromotion({ id: 1, ...item }, { timeZone, assetUrl: (id) => `https://x/${id}` }),
		],
		['stages', seed.stages, toStageGuidance],
		['message_templates', seed.message_templates, (item) => toMessageTemplate({ id: 1, ...item })],
	];
	for (const [collection, items, check] of checks) {
		for (const [index, item] of items.entries()) {
			try {
				check(item);
			} catch (error) {
				if (!(error instanceof ContentResponseError)) throw error;
				const issues = error.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
				throw new ContentSetupError({
					file: fileName,
					reason: `has an invalid ${collection}[${index}] (${issues})`,
				});
			}
		}
	}
	// What the message-templates hook would refuse at save, refused here with the same words.
	for (const [index, item] of seed.message_templates.entries()) {
		const named =
			item.channel === 'whatsapp_template'
				? (approved.find(
						(row) =>
							row.id ===
							`${String(item.whatsapp_template_name)}:${String(item.whatsapp_language_code)}`,
					) ?? null)
				: undefined;
		const problems = recordProblems(item, named === undefined ? {} : { approved: named });
		if (problems.length) {
			throw new ContentSetupError({
				file: fileName,
				reason: `has an invalid message_templates[${index}] (${problems.join(' ')})`,
			});
		}
	}
}

async function upsertSingleton(
	api: DirectusApi<object>,
	collection: string,
	wanted: DirectusRecord,
	result: SetupResult,
	dryRun: boolean,
): Promise<void> {
	const live = await api.call<DirectusRecord | null>('GET', `/items/${collection}`, {
		params: { fields: ['id', ...Object.keys(wanted)] },
	});
	const exists = live !== null && live.id !== null && live.id !== undefined;
	const keys = differingKeys(wanted, exists ? live : null);
	if (!keys.length) return;
	result.changes.push({
		action: exists ? 'update' : 'create',
		target: collection,
		...(exists ? { detail: keys.join(', ') } : {}),
	});
	// PATCH on a singleton creates its one record when there is none.
	if (!dryRun) await api.call('PATCH', `/items/${collection}`, { body: wanted });
}

async function upsertItems(
	api: DirectusApi<object>,
	upsert: Upsert,
	result: SetupResult,
	dryRun: boolean,
): Promise<void> {
	const fields = new Set([upsert.primary, ...upsert.items.flatMap((item) => Object.keys(item))]);
	const live = await api.call<DirectusRecord[]>('GET', `/items/${upsert.collection}`, {
		params: { fields: [...fields], limit: -1 },
	});
	const byKey = new Map(live.map((item) => [upsert.naturalKey(item), item]));
	const toCreate: DirectusRecord[] = [];
	for (const item of upsert.items) {
		const current = byKey.get(upsert.naturalKey(item));
		const target = `${upsert.collection} ${upsert.label(item)}`;
		if (!current) {
			result.changes.push({ action: 'create', target });
			toCreate.push(item);
			continue;
		}
		const keys = differingKeys(item, current);
		if (!keys.length) continue;
		result.changes.push({ action: 'update', target, detail: keys.join(', ') });
		const id = String(current[upsert.primary]);
		if (!dryRun)
			await api.call('PATCH', `/items/${upsert.collection}/${encodeURIComponent(id)}`, {
				body: item,
			});
	}
	if (toCreate.length && !dryRun) {
		await api.call('POST', `/items/${upsert.collection}`, { body: toCreate });
	}
}
