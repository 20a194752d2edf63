// The knowledge bundle as citable records: each has an id Claude can list in used_content_ids and
// the exact text it was shown, which the guard later checks the reply's figures against.
import type {
	BusinessInfo,
	Department,
	Faq,
	KnowledgeBundle,
	OpeningHours,
	Plan,
	Promotion,
} from '../content/schemas.ts';
import { localDateTime, WEEKDAYS } from '../common/zoned-time.ts';

export const CONTENT_KINDS = ['business', 'faq', 'plan', 'promotion'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

export interface ContentRecord {
	/** `kind:id`, e.g. "faq:12"; Directus ids repeat across collections, the prefix keeps them apart. */
	id: string;
	kind: ContentKind;
	text: string;
}

export interface ContentRecords {
	business: ContentRecord;
	faq: ContentRecord[];
	plans: ContentRecord[];
	promotions: ContentRecord[];
}

export const BUSINESS_RECORD_ID = 'business:info';

export function contentId(kind: Exclude<ContentKind, 'business'>, id: string): string {
	return `${kind}:${id}`;
}

// A blank line inside a record would read as the end of it; keep each record one paragraph.
function oneParagraph(text: string): string {
	return text
		.trim()
		.replace(/\r\n?/g, '\n')
		.replace(/\n\s*\n+/g, '\n');
}

const dayNames: Record<(typeof WEEKDAYS)[number], string> = {
	mon: 'Mon',
	tue: 'Tue',
	wed: 'Wed',
	thu: 'Thu',
	fri: 'Fri',
	sat: 'Sat',
	sun: 'Sun',
};

export function formatOpeningHours(hours: OpeningHours): string {
	return WEEKDAYS.map((day) => {
		const intervals = hours[day] ?? [];
		const text = intervals.length
			? intervals.map((i) => `${i.open}-${i.close}`).join(', ')
			: 'closed';
		return `${dayNames[day]} ${text}`;
	}).join('; ');
}

function businessText(business: BusinessInfo, department: Department): string {
	const lines = [
		`Business: ${business.name}`,
		business.address ? `Address: ${business.address}` : undefined,
		business.contacts ? `Contacts: ${business.contacts}` : undefined,
		`Time zone: ${business.timeZone}`,
		`Opening hours: ${formatOpeningHours(business.openingHours)}`,
		department.openingHours
			? `Opening hours of ${department.name}: ${formatOpeningHours(department.openingHours)}`
			: undefined,
	];
	return oneParagraph(lines.filter((line) => line !== undefined).join('\n'));
}

function faqText(faq: Faq): string {
	return oneParagraph(`(${faq.language}) Q: ${faq.question}\nA: ${faq.answer}`);
}

function planText(plan: Plan): string {
	const price = plan.price
		? `Price: ${plan.price}${plan.currency ? ` ${plan.currency}` : ''}`
		: 'Price: not published';
	return oneParagraph([plan.name, price, plan.description ?? ''].join('\n'));
}

/**
 * A timestamp as a calendar date in the business's time zone. Directus sends local datetimes
 * without an offset for "datetime" fields: those are already the business's local time.
 */
export function localDate(timestamp: string, timeZone: string): string {
	if (!/(?:Z|[+-]\d{2}:?\d{2})$/i.test(timestamp)) return timestamp.slice(0, 10);
	return localDateTime(Date.parse(timestamp), timeZone).slice(0, 10);
}

function promotionText(promotion: Promotion, timeZone: string): string {
	const lines = [
		promotion.title,
		`Valid from ${localDate(promotion.startsAt, timeZone)} to ${localDate(promotion.endsAt, timeZone)}`,
		promotion.link ? `Link: ${promotion.link}` : undefined,
		promotion.body,
	];
	return oneParagraph(lines.filter((line) => line !== undefined).join('\n'));
}

export function contentRecords(bundle: KnowledgeBundle): ContentRecords {
	const zone = bundle.business.timeZone;
	return {
		business: {
			id: BUSINESS_RECORD_ID,
			kind: 'business',
			text: businessText(bundle.business, bundle.department),
		},
		faq: bundle.faq.map((f) => ({ id: contentId('faq', f.id), kind: 'faq', text: faqText(f) })),
		plans: bundle.plans.map((p) => ({
			id: contentId('plan', p.id),
			kind: 'plan',
			text: planText(p),
		})),
		promotions: bundle.promotions.map((p) => ({
			id: contentId('promotion', p.id),
			kind: 'promotion',
			text: promotionText(p, zone),
		})),
	};
}

/** id → text of every record offered, which is what the guard may accept figures from. */
export function recordTexts(records: ContentRecords): Map<string, string> {
	const all = [records.business, ...records.faq, ...records.plans, ...records.promotions];
	return new Map(all.map((r) => [r.id, r.text]));
}

/** How a record appears in the prompt: its id in brackets, then its text. */
export function renderRecord(record: ContentRecord): string {
	return `[${record.id}] ${record.text}`;
}
