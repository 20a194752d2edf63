import { MetaRateLimitedError, type MetaRateLimitedFields } from './meta-rate-limited-error.ts';

/** #131056: too many messages to this one customer (1 per 6 s, bursts of 45); others are fine. */
export class WhatsAppPairRateError extends MetaRateLimitedError {
	override readonly code = 'META_WHATSAPP_PAIR_RATE';

	constructor(fields: MetaRateLimitedFields) {
		super(fields);
		this.name = 'WhatsAppPairRateError';
	}
}
