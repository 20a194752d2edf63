// Factories for the caption tests. The promotion, business, model and prices are the triage's, so
// both features are tested against the same small internet provider.
import {
	FIXED_NOW,
	makeBundle,
	makePromotion,
	steppingClock,
	TEST_MODEL,
	TEST_PRICES,
} from '../triage/test-fixtures.ts';
import { type CaptionConfig, type CaptionConfigInput, parseCaptionConfig } from './config.ts';
import { type CaptionInput, type CaptionInputData, parseCaptionInput } from './input.ts';

export { FIXED_NOW, makeBundle, makePromotion, steppingClock, TEST_MODEL, TEST_PRICES };

export function makeCaptionConfig(overrides: Partial<CaptionConfigInput> = {}): CaptionConfig {
	return parseCaptionConfig({
		model: TEST_MODEL,
		prices: TEST_PRICES,
		maxTokens: 2048,
		timeoutMs: 10_000,
		maxRetries: 0,
		...overrides,
	});
}

/** Black Friday for ACME Internet (Europe/Madrid), for Facebook and Instagram. */
export function makeCaptionInput(overrides: Partial<CaptionInputData> = {}): CaptionInputData {
	return {
		promotion: makePromotion({ platforms: ['facebook', 'instagram'] }),
		business: makeBundle().business,
		platforms: ['facebook', 'instagram'],
		...overrides,
	};
}

export function parsedInput(overrides: Partial<CaptionInputData> = {}): CaptionInput {
	return parseCaptionInput(makeCaptionInput(overrides));
}
