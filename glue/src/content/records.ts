// Directus records (snake_case) to the content contract (camelCase, schemas.ts), validated there.
// Validation messages name the Directus field, because that is where someone has to fix it.
import type { z } from 'zod/v4';
import { ContentResponseError, type ContentIssue } from './errors.ts';
import {
	businessInfoSchema,
	departmentSchema,
	faqSchema,
	messageTemplateSchema,
	planSchema,
	promotionSchema,
	stageGuidanceSchema,
	type BusinessInfo,
	type Department,
	type Faq,
	type MessageTemplate,
	type Plan,
	type Promotion,
	type StageGuidance,
} from './schemas.ts';
import { formatInZone, parseContentDate } from '../common/zoned-time.ts';
import { templateInput } from '../templates/record.ts';

/** A record as Directus returns it. */
export type DirectusRecord = Record<string, unknown>;

// Contract field → Directus field; the values are also what the reader asks Directus for.
export const DEPARTMENT_FIELDS = {
	key: 'key',
	name: 'name',
	whatsappNumbers: 'whatsapp_numbers',
	phoneNumberIds: 'phone_number_ids',
	chatwootInboxIds: 'chatwoot_inbox_ids',
	chatwootTeamId: 'chatwoot_team_id',
	confidenceThreshold: 'confidence_threshold',
	openingHours: 'opening_hours',
	escalationTeamId: 'escalation_team_id',
	fallbackKeywords: 'fallback_keywords',
	urgencyKeywords: 'urgency_keywords',
} as const;

export const BUSINESS_INFO_FIELDS = {
	name: 'name',
	timeZone: 'time_zone',
	openingHours: 'opening_hours',
	address: 'address',
	contacts: 'contacts',
	toneOfVoice: 'tone_of_voice',
	defaultPostingSlots: 'default_posting_slots',
} as const;

export const FAQ_FIELDS = {
	id: 'id',
	question: 'question',
	answer: 'answer',
	department: 'department',
	language: 'language',
} as const;

export const PLAN_FIELDS = {
	id: 'id',
	name: 'name',
	description: 'description',
	price: 'price',
	currency: 'currency',
	department: 'department',
} as const;

export const STAGE_GUIDANCE_FIELDS = {
	stage: 'stage',
	goal: 'goal',
	tone: 'tone',
	offer: 'offer',
} as const;

export const PROMOTION_FIELDS = {
	id: 'id',
	title: 'title',
	body: 'body',
	imageUrl: 'image_url',
	link: 'link',
	startsAt: 'starts_at',
	endsAt: 'ends_at',
	platforms: 'platforms',
	postingSlots: 'posting_slots',
	department: 'department',
} as const;

/** Template field → Directus field, for naming a bad field (the model is templates'). */
export const MESSAGE_TEMPLATE_FIELDS = {
	key: 'key',
	language: 'language',
	channel: 'channel',
	status: 'status',
	subject: 'subject',
	body: 'body',
	fallbacks: 'fallbacks',
	whatsapp: 'whatsapp_parameters',
} as const;

/** Directus fields a reader needs for a collection (the contract's, plus extras such as `image`). */
export function fieldsOf(map: Record<string, string>, ...extra: string[]): string[] {
	return [...new Set([...Object.values(map), ...extra])];
}

function rename(record: DirectusRecord, map: Record<string, string>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(map).map(([camel, snake]) => [camel, record[snake]]));
}

/** Numbers that arrive as digits in text (a tags interface stores strings) become numbers. */
function toNumber(value: unknown): unknown {
	return typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
}

function parseWith<S extends z.ZodType>(
	schema: S,
	value: unknown,
	where: { collection: string; record: DirectusRecord; map: Record<string, string> },
	extraIssues: ContentIssue[] = [],
): z.output<S> {
	const result = schema.safeParse(value);
	if (result.success && extraIssues.length === 0) return result.data;
	const reported = new Set(extraIssues.map((issue) => issue.field));
	const issues = [
		...extraIssues,
		...(result.success ? [] : result.error.issues)
			.map((issue) => {
				const [head, ...rest] = issue.path.map(String);
				const field = head === undefined ? '(record)' : (where.map[head] ?? head);
				return { field: [field, ...rest].join('.'), message: issue.message };
			})
			.filter((issue) => !reported.has(issue.field)),
	];
	const id = where.record.id ?? where.record.key;
	throw new ContentResponseError({
		collection: where.collection,
		recordId: id === undefined || id === null ? null : String(id),
		issues,
	});
}

export function toDepartment(record: DirectusRecord): Department {
	const value = rename(record, DEPARTMENT_FIELDS);
	const ids = value.chatwootInboxIds;
	if (Array.isArray(ids)) value.chatwootInboxIds = ids.map(toNumber);
	for (const key of ['chatwootTeamId', 'escalationTeamId', 'confidenceThreshold']) {
		value[key] = toNumber(value[key]);
	}
	for (const key of ['whatsappNumbers', 'phoneNumberIds', 'fallbackKeywords']) {
		value[key] ??= [];
	}
	value.urgencyKeywords ??= null;
	return parseWith(departmentSchema, value, {
		collection: 'departments',
		record,
		map: DEPARTMENT_FIELDS,
	});
}

export function toBusinessInfo(record: DirectusRecord): BusinessInfo {
	const value = rename(record, BUSINESS_INFO_FIELDS);
	value.defaultPostingSlots ??= [];
	return parseWith(businessInfoSchema, value, {
		collection: 'business_info',
		record,
		map: BUSINESS_INFO_FIELDS,
	});
}

export function toFaq(record: DirectusRecord): Faq {
	return parseWith(faqSchema, rename(record, FAQ_FIELDS), {
		collection: 'faq',
		record,
		map: FAQ_FIELDS,
	});
}

export function toPlan(record: DirectusRecord): Plan {
	const value = rename(record, PLAN_FIELDS);
	// Directus returns decimals as text already; a number would come from a float field.
	if (typeof value.price === 'number') value.price = String(value.price);
	return parseWith(planSchema, value, { collection: 'plans', record, map: PLAN_FIELDS });
}

export function toStageGuidance(record: DirectusRecord): StageGuidance {
	return parseWith(stageGuidanceSchema, rename(record, STAGE_GUIDANCE_FIELDS), {
		collection: 'stages',
		record,
		map: STAGE_GUIDANCE_FIELDS,
	});
}

export function toMessageTemplate(record: DirectusRecord): MessageTemplate {
	return parseWith(messageTemplateSchema, templateInput(record), {
		collection: 'message_templates',
		record,
		map: MESSAGE_TEMPLATE_FIELDS,
	});
}

export interface PromotionContext {
	/** The business's time zone: dates without an offset are wall-clock times there. */
	timeZone: string;
	/** Public URL of an uploaded Directus file (the `image` field). */
	assetUrl(fileId: string): string;
}

/** A promotion plus the instants it is live between (end inclusive). */
export interface TimedPromotion {
	promotion: Promotion;
	startsAtMs: number;
	endsAtMs: number;
}

export function toPromotion(record: DirectusRecord, context: PromotionContext): TimedPromotion {
	const value = rename(record, PROMOTION_FIELDS);
	const issues: ContentIssue[] = [];
	const instant = (field: 'starts_at' | 'ends_at', edge: 'start' | 'end') => {
		const raw = record[field];
		const parsed = typeof raw === 'string' ? parseContentDate(raw, context.timeZone, edge) : null;
		if (parsed === null) issues.push({ field, message: 'is not a date and time' });
		return parsed ?? Number.NaN;
	};
	const startsAtMs = instant('starts_at', 'start');
	const endsAtMs = instant('ends_at', 'end');
	if (Number.isFinite(startsAtMs)) value.startsAt = formatInZone(startsAtMs, context.timeZone);
	if (Number.isFinite(endsAtMs)) value.endsAt = formatInZone(endsAtMs, context.timeZone);
	// An empty text box in the Studio saves "" rather than null.
	if (value.imageUrl === '') value.imageUrl = null;
	if (value.link === '') value.link = null;
	const image = record.image;
	if (!value.imageUrl && typeof image === 'string' && image) {
		value.imageUrl = context.assetUrl(image);
	}
	value.imageUrl ??= null;
	value.link ??= null;
	value.platforms ??= [];
	value.postingSlots ??= [];
	const promotion = parseWith(
		promotionSchema,
		value,
		{ collection: 'promotions', record, map: PROMOTION_FIELDS },
		issues,
	);
	return { promotion, startsAtMs, endsAtMs };
}
