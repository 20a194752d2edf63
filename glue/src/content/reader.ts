// Reads what marketing keeps in Directus, as the content contract (schemas.ts) describes it, through
// @directus/sdk with a static token (n8n's Automation token in production). Each collection is
// fetched whole (published items only, for those with a status) and kept for a short TTL; filtering by department, language
// and date happens here, at call time, so a promotion goes live or ends on time even mid-TTL.
import { readItems, readSingleton } from '@directus/sdk';
import { connectDirectus, type DirectusApi, type DirectusConnection } from './directus-client.ts';
import { ContentNotFoundError, ContentResponseError } from './errors.ts';
import { livePromotions } from './live-promotions.ts';
import { pickTemplate } from './message-template.ts';
import {
	BUSINESS_INFO_FIELDS,
	DEPARTMENT_FIELDS,
	FAQ_FIELDS,
	fieldsOf,
	MESSAGE_TEMPLATE_FIELDS,
	PLAN_FIELDS,
	PROMOTION_FIELDS,
	toBusinessInfo,
	toDepartment,
	toFaq,
	toMessageTemplate,
	toPlan,
	toPromotion,
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
import { systemClock, TtlCache, type Clock } from './ttl-cache.ts';
import { localDateTime } from '../common/zoned-time.ts';

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
	/** Told about invalid FAQ, promotion or plan records, which are left out. */
	logger?: ContentLogger;
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
	 * The `message_templates` record for `key` in the customer's language, else its primary
	 * language, else English (see pickTemplate); null when Directus has none of them.
	 */
	messageTemplate(
		key: string,
		language: string | null | undefined,
	): Promise<MessageTemplate | null>;
	clearCache(): void;
}

export const DEFAULT_CACHE_TTL_MS = 60_000;
// Promotions that ended more than this long ago are not even fetched; the exact cut is made here.
const ENDED_SLACK_MS = 2 * 24 * 3_600_000;
const published = { status: { _eq: 'published' } };

export function createContentReader(options: ContentReaderOptions): ContentReader {
	const api: DirectusApi<ContentSchema> = connectDirectus<ContentSchema>(options);
	const clock = options.clock ?? systemClock;
	const cache = new TtlCache({ ttlMs: options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS, clock });
	const assetUrl =
		options.assetUrl ?? ((id: string) => `${api.url}/assets/${encodeURIComponent(id)}`);

	const departmentRecords = () =>
		cache.get('departments', () =>
			api.request(
				readItems('departments', {
					fields: fieldsOf(DEPARTMENT_FIELDS),
					sort: ['sort', 'key'],
					limit: -1,
				}),
				'departments',
			),
		);

	const businessInfo = () =>
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
		});

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
		cache.get('message_templates', async () =>
			keepValid(
				await api.request(
					readItems('message_templates', {
						fields: fieldsOf(MESSAGE_TEMPLATE_FIELDS, 'id'),
						sort: ['key', 'language', 'id'],
						limit: -1,
					}),
					'message_templates',
				),
				toMessageTemplate,
			),
		);

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
			const [business, department, faq, promotions, plans] = await Promise.all([
				businessInfo(),
				reader.department(departmentKey),
				reader.faq({ department: departmentKey, language: bundleOptions.language }),
				reader.livePromotions({ department: departmentKey }),
				reader.plans({ department: departmentKey }),
			]);
			return knowledgeBundleSchema.parse({ business, department, faq, promotions, plans });
		},
		async messageTemplate(key, language) {
			return pickTemplate(await templateItems(), key, language);
		},
		clearCache() {
			cache.clear();
		},
	};
	return reader;
}
