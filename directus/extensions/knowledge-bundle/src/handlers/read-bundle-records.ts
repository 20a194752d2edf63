// Reads what a bundle is built from through ItemsService with the caller's accountability, so
// Directus's permissions apply: the automation token reads published FAQ, promotions and plans only.
import type {
	Accountability,
	EndpointExtensionContext,
	Query,
	SchemaOverview,
} from '@directus/types';
import type { DirectusRecord } from '../../../../../glue/src/content/records.ts';
import { ContentUnusableError, DepartmentNotFoundError } from '../errors.ts';
import {
	businessInfoQuery,
	departmentQuery,
	faqQuery,
	planQuery,
	promotionQuery,
	type ItemsQuery,
} from '../utils/bundle-filters.ts';
import type { BundleQuery } from '../utils/bundle-query.ts';
import type { BundleRecords } from '../utils/build-bundle.ts';

export interface Caller {
	accountability: Accountability;
	schema: SchemaOverview;
}

export async function readBundleRecords(
	query: BundleQuery,
	now: number,
	caller: Caller,
	context: EndpointExtensionContext,
): Promise<BundleRecords & { timeZone: string }> {
	const service = (collection: string) =>
		new context.services.ItemsService(collection, {
			schema: caller.schema,
			accountability: caller.accountability,
		});
	const read = async (collection: string, itemsQuery: ItemsQuery) =>
		(await service(collection).readByQuery(itemsQuery as Query)) as DirectusRecord[];

	const [[department], business] = await Promise.all([
		read('departments', departmentQuery(query)),
		service('business_info').readSingleton(businessInfoQuery() as Query) as Promise<DirectusRecord>,
	]);
	if (!department) throw new DepartmentNotFoundError({ department: query.department });
	// An empty singleton comes back as its defaults with a null id.
	if (business.id === null || business.id === undefined) {
		throw new ContentUnusableError({ reason: 'Business info is empty; fill it in in Directus' });
	}
	// The promotions' dates are read in the business's time zone; a bad one is reported later.
	const timeZone = typeof business.time_zone === 'string' ? business.time_zone : 'UTC';
	const [faq, promotions, plans] = await Promise.all([
		read('faq', faqQuery(query)),
		read('promotions', promotionQuery(query, now, timeZone)),
		read('plans', planQuery(query)),
	]);
	return { department, business, faq, promotions, plans, timeZone };
}
