// The Directus queries behind a bundle. Published only, whoever calls (an admin sees drafts too);
// the department's items plus those for every department (no department set).
import {
	BUSINESS_INFO_FIELDS,
	DEPARTMENT_FIELDS,
	FAQ_FIELDS,
	fieldsOf,
	PLAN_FIELDS,
	PROMOTION_FIELDS,
} from '../../../../../glue/src/content/records.ts';
import { localDateTime } from '../../../../../glue/src/content/zoned-time.ts';
import type { BundleQuery } from './bundle-query.ts';

// Promotions that ended more than this long ago are not even fetched; the exact cut is made after.
const ENDED_SLACK_MS = 2 * 24 * 3_600_000;

const published = { status: { _eq: 'published' } };
const forDepartment = (key: string) => ({
	_or: [{ department: { _null: true } }, { department: { _eq: key } }],
});

export interface ItemsQuery {
	fields: string[];
	filter?: Record<string, unknown>;
	sort?: string[];
	limit: number;
}

export const departmentQuery = (query: BundleQuery): ItemsQuery => ({
	fields: fieldsOf(DEPARTMENT_FIELDS),
	filter: { key: { _eq: query.department } },
	limit: 1,
});

export const businessInfoQuery = (): ItemsQuery => ({
	fields: fieldsOf(BUSINESS_INFO_FIELDS, 'id'),
	limit: 1,
});

export const faqQuery = (query: BundleQuery): ItemsQuery => ({
	fields: fieldsOf(FAQ_FIELDS),
	filter: {
		_and: [
			published,
			forDepartment(query.department),
			...(query.language ? [{ language: { _eq: query.language } }] : []),
		],
	},
	sort: ['sort', 'id'],
	limit: -1,
});

export const planQuery = (query: BundleQuery): ItemsQuery => ({
	fields: fieldsOf(PLAN_FIELDS),
	filter: { _and: [published, forDepartment(query.department)] },
	sort: ['sort', 'id'],
	limit: -1,
});

export const promotionQuery = (query: BundleQuery, now: number, timeZone: string): ItemsQuery => ({
	fields: fieldsOf(PROMOTION_FIELDS, 'image'),
	filter: {
		_and: [
			published,
			forDepartment(query.department),
			{ ends_at: { _gte: localDateTime(now - ENDED_SLACK_MS, timeZone) } },
		],
	},
	sort: ['starts_at', 'id'],
	limit: -1,
});
