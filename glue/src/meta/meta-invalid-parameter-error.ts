import { MetaApiError, type MetaApiErrorFields } from './meta-api-error.ts';

/** #100 (and WhatsApp's #131008 / #131009): a parameter is missing or its value is not accepted. */
export class MetaInvalidParameterError extends MetaApiError {
	override readonly code = 'META_INVALID_PARAMETER';

	constructor(fields: MetaApiErrorFields) {
		super(fields);
		this.name = 'MetaInvalidParameterError';
	}
}
