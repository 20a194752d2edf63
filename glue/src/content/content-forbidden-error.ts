import { ContentApiError, type ContentApiErrorFields } from './content-api-error.ts';

/**
 * 403 FORBIDDEN: the token's policy does not allow this. Directus also answers 403, not 404, for an
 * item that does not exist or a collection it does not know, so the hint names both causes.
 */
export class ContentForbiddenError extends ContentApiError {
	readonly collection: string | null;

	constructor(fields: ContentApiErrorFields & { collection: string | null }) {
		const what = fields.collection ? `"${fields.collection}"` : 'this';
		super(
			{
				...fields,
				hint:
					fields.hint ??
					`The token's policy does not allow ${what}, or it does not exist: re-run scripts/directus-setup.ts access (the Automation policy reads departments, business_info, message_templates and published faq, promotions and plans)`,
			},
			'CONTENT_FORBIDDEN',
		);
		this.name = 'ContentForbiddenError';
		this.collection = fields.collection;
	}
}
