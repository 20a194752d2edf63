// Reads what marketing keeps in Directus, as the content contract (schemas.ts) describes it, through
// @directus/sdk with a static token (n8n's Automation token in production). Each collection is
// fetched whole (published items only, for those with a status) and kept for a short TTL; filtering by department, language
// and date happens here, at call time, so a promotion goes live or ends on time even mid-TTL.
// While Directus is down, what routing needs (departments, business info, message templates) comes
// from the last good read, marked stale; FAQ, promotions and plans never do (the AI is only given
// live content): the knowledge bundle comes back without them, marked degraded.
import { readItems, readSingleton } from '@directus/sdk';
import { connectDirectus, type DirectusApi, type DirectusConnection } from './directus-client.ts';
import { directusDownReason } from './directus-down.ts';
import { ContentError, ContentNotFoundError, ContentResponseError } from './errors.ts';
import { LastKnownContent, type ContentStaleness } from './last-known.ts';
import { livePromotions } from './live-promotions.ts';
import {
	BUSINESS_INFO_FIELDS,
	DEPARTMENT_FIELDS,
	FAQ_FIELDS,
	fieldsOf,
	PLAN_FIELDS,
	PROMOTION_FIELDS,
	STAGE_GUIDANCE_FIELDS,
	toBusinessInfo,
	toDepartment,
	toFaq,
	toMessageTemplate,
	toPlan,
	toPromotion,
	toStageGuidance,
	type DirectusRecord,
	type TimedPromotion,
} from './records.ts';
import {
	knowledgeBundleSchema,
	type BusinessInfo,
	type Department,
	type Faq,
	type KnowledgeBundle,
	type MessageTemplate,
	type Plan,
	type Promotion,
} from './schemas.ts';
import type { ContentSnapshotStore } from './snapshot-store.ts';
import { systemClock, TtlCache, type Clock } from './ttl-cache.ts';
import { localDateTime } from '../common/zoned-time.ts';
import type { ChannelKind } from '../templates/model.ts';
import { pickTemplate } from '../templates/pick.ts';
import { TEMPLATE_FIELDS } from '../templates/record.ts';

// 'datetime' and 'json' are the SDK's markers; 'datetime' lets a filter compare with _gte.
type PromotionRecord = {
	id: number;
	status: string;
	title: string;
	body: string;
	image: string | null;
	image_url: string | null;
	link: string | null;
	starts_at: 'datetime';
	ends_at: 'datetime';
	platforms: 'json';
	posting_slots: 'json';
	department: string | null;
};

interface ContentSchema {
	departments: DirectusRecord[];
	faq: DirectusRecord[];
	promotions: PromotionRecord[];
	plans: DirectusRecord[];
	message_templates: DirectusRecord[];
	stages: DirectusRecord[];
	business_info: DirectusRecord;
}

/** winston's logger fits. */
export interface ContentLogger {
	warn(message: string, meta?: Record<string, unknown>): void;
}

export interface ContentReaderOptions extends DirectusConnection {
	clock?: Clock;
	/** How long fetched content is reused; default 60 s, 0 turns the cache off. */
	cacheTtlMs?: number;
	/** URL of an uploaded file (a promotion's `image`); default `<url>/assets/<id>`. */
	assetUrl?: (fileId: string) => string;
	/** Told about invalid FAQ, promotion or plan records, which are left out, and about outages. */
	logger?: ContentLogger;
	/**
	 * Where the last good departments, business info and templates are kept across restarts
	 * (postgresSnapshotStore); without it they are kept in memory only.
	 */
	snapshots?: ContentSnapshotStore;
}

export interface FaqQuery {
	department: string;
	/** e.g. "es"; all languages when omitted. */
	language?: string;
}

export interface ContentReader {
	departments(): Promise<Department[]>;
	/** Throws ContentNotFoundError for an unknown key. */
	department(key: string): Promise<Department>;
	businessInfo(): Promise<BusinessInfo>;
	/** Published FAQ of the department plus those for every department (no department set). */
	faq(query: FaqQuery): Promise<Faq[]>;
	/** Published promotions whose start <= now <= end, for the department and for everyone. */
	livePromotions(query?: { department?: string }): Promise<Promotion[]>;
	/** Published plans of the department plus those for everyone; all when no department is given. */
	plans(query?: { department?: string }): Promise<Plan[]>;
	/** Everything the triage may ground a reply in, for one department. */
	loadKnowledgeBundle(
		departmentKey: string,
		options?: { language?: string },
	): Promise<KnowledgeBundle>;
	/**
	 * The published `message_templates` record for `key` in the customer's language, else its
	 * primary language, else English, for the channel (default WhatsApp session text; see
	 * @switchboard/glue/templates pickTemplate); null when Directus has none of them.
	 */
	messageTemplate(
		key: string,
		language: string | null | undefined,
		options?: { channel?: ChannelKind },
	): Promise<MessageTemplate | null>;
	/**
	 * Set when the last read of the departments, business info or templates was answered from the
	 * last good read because Directus was down: the oldest such read. Null when all were live.
	 */
	staleness(): ContentStaleness | null;
	clearCache(): void;
}

/** What routing reads; kept from the last good read (the rest must be live). */
const ROUTING_CONTENT = ['departments', 'business_info', 'message_templates'] as const;

export const DEFAULT_CACHE_TTL_MS = 60_000;
// Promotions that ended more than this long ago are not even fetched; the exact cut is made here.
const ENDED_SLACK_MS = 2 * 24 * 3_600_000;
const published = { status: { _eq: 'published' } };

export function createContentReader(options: ContentReaderOptions): ContentReader {
	const api: DirectusApi<ContentSchema> = connectDirectus<ContentSchema>(options);
	const clock = options.clock ?? systemClock;
	const cache = new TtlCache({ ttlMs: options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS, clock });
	const lastKnown = new LastKnownContent(clock, options.snapshots ?? null, options.logger);
	const assetUrl =
		options.assetUrl ?? ((id: string) => `${api.url}/assets/${encodeURIComponent(id)}`);

	const departmentRecords = () =>
		lastKnown.read('departments', () =>
			cache.get('departments', () =>
				api.request(
					readItems('departments', {
						fields: fieldsOf(DEPARTMENT_FIELDS),
						sort: ['sort', 'key'],
						limit: -1,
					}),
					'departments',
				),
			),
		);

	const businessInfo = (): Promise<BusinessInfo> =>
		lastKnown.read('business_info', () =>
			cache.get('business_info', async () => {
				const record = await api.request(
					readSingleton('business_info', { fields: fieldsOf(BUSINESS_INFO_FIELDS, 'id') }),
					'business_info',
				);
				// An empty singleton comes back as its defaults with a null id.
				if (!record || record.id === null || record.id === undefined) {
					throw new ContentNotFoundError({
						entity: 'business info',
						key: '(singleton)',
						hint: 'fill in Business info in Directus',
					});
				}
				return toBusinessInfo(record);
			}),
		);

	/** Valid records of a list; an invalid one is left out and reported, never given to the AI. */
	function keepValid<T>(records: DirectusRecord[], map: (record: DirectusRecord) => T): T[] {
		const kept: T[] = [];
		for (const record of records) {
			try {
				kept.push(map(record));
			} catch (error) {
				if (!(error instanceof ContentResponseError)) throw error;
				options.logger?.warn('content: left out an invalid record', {
					collection: error.collection,
					id: error.recordId,
					issues: error.issues,
				});
			}
		}
		return kept;
	}

	const faqItems = () =>
		cache.get('faq', async () =>
			keepValid(
				await api.request(
					readItems('faq', {
						fields: fieldsOf(FAQ_FIELDS),
						filter: published,
						sort: ['sort', 'id'],
						limit: -1,
					}),
					'faq',
				),
				toFaq,
			),
		);

	const planItems = () =>
		cache.get('plans', async () =>
			keepValid(
				await api.request(
					readItems('plans', {
						fields: fieldsOf(PLAN_FIELDS),
						filter: published,
						sort: ['sort', 'id'],
						limit: -1,
					}),
					'plans',
				),
				toPlan,
			),
		);

	const templateItems = () =>
		lastKnown.read('message_templates', () =>
			cache.get('message_templates', async () =>
				keepValid(
					await api.request(
						readItems('message_templates', {
							fields: [...TEMPLATE_FIELDS],
							sort: ['key', 'language', 'id'],
							limit: -1,
						}),
						'message_templates',
					),
					toMessageTemplate,
				),
			),
		);

	// The AI's per-stage instructions are a refinement, not content it grounds answers in: when
	// they cannot be read (Directus down, a token without the new collection), the triage goes on
	// without them rather than falling back.
	const stageItems = () =>
		cache
			.get('stages', async () =>
				keepValid(
					await api.request(
						readItems('stages', { fields: fieldsOf(STAGE_GUIDANCE_FIELDS), limit: -1 }),
						'stages',
					),
					toStageGuidance,
				),
			)
			.catch((error: unknown) => {
				const down = directusDownReason(error);
				if (!(error instanceof ContentError) && down === null) throw error;
				options.logger?.warn('content: stage instructions unavailable, triage goes on without', {
					code: error instanceof ContentError ? error.code : down,
				});
				return [];
			});

	const promotionItems = () =>
		cache.get('promotions', async (): Promise<TimedPromotion[]> => {
			const { timeZone } = await businessInfo();
			const endedBefore = localDateTime(clock.now() - ENDED_SLACK_MS, timeZone);
			const records = await api.request(
				readItems('promotions', {
					fields: fieldsOf(PROMOTION_FIELDS, 'image') as (keyof PromotionRecord)[],
					filter: { _and: [published, { ends_at: { _gte: endedBefore } }] },
					sort: ['starts_at', 'id'],
					limit: -1,
				}),
				'promotions',
			);
			return keepValid(records, (record) => toPromotion(record, { timeZone, assetUrl }));
		});

	const forDepartment = (department: string | null, key: string | undefined) =>
		key === undefined || department === null || department === key;

	const reader: ContentReader = {
		async departments() {
			return (await departmentRecords()).map(toDepartment);
		},
		async department(key) {
			const record = (await departmentRecords()).find((candidate) => candidate.key === key);
			if (!record) {
				throw new ContentNotFoundError({
					entity: 'department',
					key: JSON.stringify(key),
					hint: 'departments are written by the configuration script from chatwoot/config',
				});
			}
			return toDepartment(record);
		},
		businessInfo,
		async faq({ department, language }) {
			return (await faqItems()).filter(
				(item) =>
					forDepartment(item.department, department) &&
					(language === undefined || item.language === language),
			);
		},
		async livePromotions(query = {}) {
			return livePromotions(await promotionItems(), clock.now(), query.department);
		},
		async plans(query = {}) {
			return (await planItems()).filter((plan) => forDepartment(plan.department, query.department));
		},
		async loadKnowledgeBundle(departmentKey, bundleOptions = {}) {
			const missing: string[] = [];
			let downReason: string | null = null;
			// Live or nothing: while Directus is down these are left out, never taken from old reads.
			const live = async <T>(collection: string, read: () => Promise<T[]>): Promise<T[]> => {
				try {
					return await read();
				} catch (error) {
					const reason = directusDownReason(error);
					if (reason === null) throw error;
					missing.push(collection);
					downReason ??= reason;
					return [];
				}
			};
			const [business, department, faq, promotions, plans, stages] = await Promise.all([
				businessInfo(),
				reader.department(departmentKey),
				live('faq', () =>
					reader.faq({ department: departmentKey, language: bundleOptions.language }),
				),
				live('promotions', () => reader.livePromotions({ department: departmentKey })),
				live('plans', () => reader.plans({ department: departmentKey })),
				stageItems(),
			]);
			const stale = lastKnown.staleness(['departments', 'business_info']);
			return knowledgeBundleSchema.parse({
				business,
				department,
				faq,
				promotions,
				plans,
				stages,
				...(missing.length > 0
					? { degraded: { reason: downReason ?? 'unreachable', missing: missing.sort() } }
					: {}),
				...(stale ? { stale } : {}),
			});
		},
		async messageTemplate(key, language, options) {
			return pickTemplate(await templateItems(), key, language, options);
		},
		staleness() {
			return lastKnown.staleness(ROUTING_CONTENT);
		},
		clearCache() {
			cache.clear();
		},
	};
	return reader;
}
