// Records as Directus returned them → the knowledge bundle of the content contract
// (glue/src/content/schemas.ts), the same shape the content reader's loadKnowledgeBundle gives.
// Live means published (the query's job) and start <= now <= end in the business's time zone.
import { ContentResponseError } from '../../../../../glue/src/content/errors.ts';
import { livePromotions } from '../../../../../glue/src/content/live-promotions.ts';
import {
	toBusinessInfo,
	toDepartment,
	toFaq,
	toPlan,
	toPromotion,
	type DirectusRecord,
} from '../../../../../glue/src/content/records.ts';
import {
	knowledgeBundleSchema,
	type KnowledgeBundle,
} from '../../../../../glue/src/content/schemas.ts';

export interface BundleRecords {
	department: DirectusRecord;
	business: DirectusRecord;
	faq: DirectusRecord[];
	promotions: DirectusRecord[];
	plans: DirectusRecord[];
}

export interface BundleOptions {
	now: number;
	/** Public URL of an uploaded file (a promotion's `image`). */
	assetUrl(fileId: string): string;
	/** Told about each invalid FAQ, promotion or plan, which is left out (never given to the AI). */
	onInvalid(error: ContentResponseError): void;
}

/** Throws ContentResponseError when the department or the business info itself is invalid. */
export function buildBundle(records: BundleRecords, options: BundleOptions): KnowledgeBundle {
	const department = toDepartment(records.department);
	const business = toBusinessInfo(records.business);
	const keep = <T>(list: DirectusRecord[], map: (record: DirectusRecord) => T): T[] =>
		list.flatMap((record) => {
			try {
				return [map(record)];
			} catch (error) {
				if (!(error instanceof ContentResponseError)) throw error;
				options.onInvalid(error);
				return [];
			}
		});
	const timed = keep(records.promotions, (record) =>
		toPromotion(record, { timeZone: business.timeZone, assetUrl: options.assetUrl }),
	);
	return knowledgeBundleSchema.parse({
		business,
		department,
		faq: keep(records.faq, toFaq),
		promotions: livePromotions(timed, options.now, department.key),
		plans: keep(records.plans, toPlan),
	});
}
