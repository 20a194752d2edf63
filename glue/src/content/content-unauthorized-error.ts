import { ContentApiError, type ContentApiErrorFields } from './content-api-error.ts';

/** 401: Directus does not know the token (INVALID_CREDENTIALS) or it expired (TOKEN_EXPIRED). */
export class ContentUnauthorizedError extends ContentApiError {
	constructor(fields: ContentApiErrorFields) {
		super(
			{
				...fields,
				hint:
					fields.hint ??
					'Check the Directus token: it must be the static token of the Automation user (scripts/directus-setup.ts access sets it from DIRECTUS_AUTOMATION_TOKEN)',
			},
			'CONTENT_UNAUTHORIZED',
		);
		this.name = 'ContentUnauthorizedError';
	}
}
