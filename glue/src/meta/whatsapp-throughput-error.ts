import { MetaRateLimitedError, type MetaRateLimitedFields } from './meta-rate-limited-error.ts';

/** #130429: the business number's messages per second (80 by default) are used up. */
export class WhatsAppThroughputError extends MetaRateLimitedError {
	override readonly code = 'META_WHATSAPP_THROUGHPUT';

	constructor(fields: MetaRateLimitedFields) {
		super(fields);
		this.name = 'WhatsAppThroughputError';
	}
}
