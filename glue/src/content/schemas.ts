// What the business keeps in Directus, as the rest of the library sees it. These schemas are the
// contract between the Directus collections (directus/schema), the content reader, the router and
// the triage: field names here are camelCase; the collections use snake_case.
import { z } from 'zod/v4';
import { assertTimeZone, WEEKDAYS } from '../common/zoned-time.ts';
import { STAGES } from '../stages/lifecycle.ts';

export { WEEKDAYS, type Weekday } from '../common/zoned-time.ts';

const text = z.string().trim().min(1);
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM (24-hour clock)');
/** A content record's id as Directus returns it (integer or uuid), always kept as a string. */
const recordId = z.union([z.string().min(1), z.int()]).transform(String);
const timestamp = z.iso.datetime({ offset: true, local: true });

/** One opening interval on a day; an overnight shift is written as two intervals on two days. */
export const openingIntervalSchema = z
	.object({ open: clockTime, close: clockTime })
	.refine((interval) => interval.open < interval.close, {
		message: 'close must be after open on the same day',
	});
export type OpeningInterval = z.infer<typeof openingIntervalSchema>;

/** Weekday → intervals; a missing or empty day is closed. */
export const openingHoursSchema = z.partialRecord(z.enum(WEEKDAYS), z.array(openingIntervalSchema));
export type OpeningHours = z.infer<typeof openingHoursSchema>;

/** IANA time-zone name, checked against the runtime's tz database. */
export const timeZoneSchema = z.string().refine(
	(zone) => {
		try {
			assertTimeZone(zone);
			return true;
		} catch {
			return false;
		}
	},
	{ message: 'an IANA time zone such as America/New_York' },
);

/**
 * Words that raise a keyword triage's urgency (used when Claude cannot triage), by level. A level
 * left out keeps the triage's defaults, so staff can change one level without copying the other.
 */
export const urgencyKeywordsSchema = z.strictObject({
	critical: z.array(text).optional(),
	high: z.array(text).optional(),
});
export type UrgencyKeywords = z.infer<typeof urgencyKeywordsSchema>;

/**
 * A department as the router reads it: the wiring from chatwoot/config (numbers, inbox, team) joined
 * with what staff tune in Directus (hours, threshold, keywords, escalation).
 */
export const departmentSchema = z.object({
	/** Stable key, e.g. "sales"; the triage names departments by it. */
	key: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a lower-case key such as "sales"'),
	name: text,
	/** WhatsApp display numbers in E.164, e.g. "+15550000001". */
	whatsappNumbers: z.array(
		z.string().regex(/^\+\d{6,15}$/, 'an E.164 number such as +15550000001'),
	),
	/** Meta phone-number ids of those numbers. */
	phoneNumberIds: z.array(text),
	chatwootInboxIds: z.array(z.int().positive()),
	chatwootTeamId: z.int().positive().nullable(),
	/** Below this triage confidence the bot does not answer; it hands off. */
	confidenceThreshold: z.number().min(0).max(1),
	/** Null: the business's opening hours apply. */
	openingHours: openingHoursSchema.nullable(),
	/** Team that takes urgent or critical hand-offs; null: the department's own team. */
	escalationTeamId: z.int().positive().nullable(),
	/** Words that point a message to this department when Claude cannot triage it. */
	fallbackKeywords: z.array(text),
	/** Alarm words for messages routed here when Claude cannot triage; null: the defaults. */
	urgencyKeywords: urgencyKeywordsSchema.nullish(),
});
export type Department = z.infer<typeof departmentSchema>;

export const businessInfoSchema = z.object({
	name: text,
	timeZone: timeZoneSchema,
	openingHours: openingHoursSchema,
	address: z.string().nullable(),
	contacts: z.string().nullable(),
	toneOfVoice: z.string().nullable(),
	/**
	 * When the auto-poster posts promotions without slots of their own ("mon 09:00"); empty: Monday
	 * and Thursday 09:00. Read by the social module, which checks each slot.
	 */
	defaultPostingSlots: z.array(z.string()).default([]),
});
export type BusinessInfo = z.infer<typeof businessInfoSchema>;

export const CONTENT_STATUSES = ['draft', 'published', 'archived'] as const;

export const faqSchema = z.object({
	id: recordId,
	question: text,
	answer: text,
	/** Null: applies to every department. */
	department: z.string().nullable(),
	/** BCP 47 primary language, e.g. "en", "es". */
	language: z.string().min(2),
});
export type Faq = z.infer<typeof faqSchema>;

export const SOCIAL_PLATFORMS = ['facebook', 'instagram', 'tiktok'] as const;

export const promotionSchema = z.object({
	id: recordId,
	title: text,
	body: text,
	/** Public URL of the image, or null for a text-only promotion. */
	imageUrl: z.url().nullable(),
	link: z.url().nullable(),
	startsAt: timestamp,
	endsAt: timestamp,
	platforms: z.array(z.enum(SOCIAL_PLATFORMS)),
	/** Own posting slots ("mon 09:00"); empty: Business info's default posting slots. */
	postingSlots: z.array(z.string()),
	department: z.string().nullable(),
});
export type Promotion = z.infer<typeof promotionSchema>;

export const planSchema = z.object({
	id: recordId,
	name: text,
	description: z.string().nullable(),
	/** Price as the business writes it, e.g. "29.99"; kept as text so no rounding creeps in. */
	price: z.string().nullable(),
	currency: z.string().length(3).nullable(),
	department: z.string().nullable(),
});
export type Plan = z.infer<typeof planSchema>;

/**
 * A message the product sends without Claude (e.g. `out_of_hours`), written by staff in Directus
 * `message_templates`: the model of @switchboard/glue/templates, which owns it.
 */
export { templateSchema as messageTemplateSchema } from '../templates/model.ts';
export type { Template as MessageTemplate } from '../templates/model.ts';

/**
 * What the AI aims for with a customer at one lifecycle stage (Directus `stages`, one record per
 * stage); the triage adds the record of the customer's stage to its instructions.
 */
export const stageGuidanceSchema = z.object({
	stage: z.enum(STAGES),
	goal: z.string().trim().nullable(),
	tone: z.string().trim().nullable(),
	offer: z.string().trim().nullable(),
});
export type StageGuidance = z.infer<typeof stageGuidanceSchema>;

/** Everything the triage may ground a reply in, for one department, live items only. */
export const contentStalenessSchema = z.object({
	since: z.string(),
	ageMinutes: z.number().int().nonnegative(),
	reason: z.string(),
});

export const knowledgeBundleSchema = z.object({
	business: businessInfoSchema,
	department: departmentSchema,
	faq: z.array(faqSchema),
	promotions: z.array(promotionSchema),
	plans: z.array(planSchema),
	/** The AI's instructions per stage; empty when staff wrote none (or Directus was down). */
	stages: z.array(stageGuidanceSchema).default([]),
	/**
	 * Set when Directus was down: FAQ, promotions and plans could not be read live and are left out
	 * (`missing`), so the triage must not let Claude answer from this bundle.
	 */
	degraded: z.object({ reason: z.string(), missing: z.array(z.string()) }).optional(),
	/** Set when the department or business info came from the last good read (Directus down). */
	stale: contentStalenessSchema.optional(),
});
export type KnowledgeBundle = z.infer<typeof knowledgeBundleSchema>;
