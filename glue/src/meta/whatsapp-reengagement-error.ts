import { MetaApiError, type MetaApiErrorFields } from './meta-api-error.ts';

/** #131047: the 24-hour customer-service window is closed; only a template may be sent now. */
export class WhatsAppReengagementError extends MetaApiError {
	override readonly code = 'META_WHATSAPP_REENGAGEMENT';

	constructor(fields: MetaApiErrorFields) {
		super(fields);
		this.name = 'WhatsAppReengagementError';
	}
}
