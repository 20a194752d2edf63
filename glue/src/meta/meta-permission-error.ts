import { MetaApiError, type MetaApiErrorFields } from './meta-api-error.ts';

/** #10 or #200–299: the token lacks a permission or the asset (Page, WABA, IG account). */
export class MetaPermissionError extends MetaApiError {
	override readonly code = 'META_PERMISSION';

	constructor(fields: MetaApiErrorFields) {
		super(fields);
		this.name = 'MetaPermissionError';
	}
}
