// Cost of one call from its usage and the configured price table. Prices change monthly, so they
// live in configuration; this file only does the arithmetic.
import { z } from 'zod/v4';

const usdPerMillion = z.number().nonnegative();

/** USD per million tokens for one model (reference/anthropic.md §11). */
export const modelPriceSchema = z.object({
	input: usdPerMillion,
	output: usdPerMillion,
	/** Writes with the default 5-minute lifetime. */
	cacheWrite: usdPerMillion,
	/** Writes with the 1-hour lifetime; needed only when `cacheTtl` is "1h". */
	cacheWrite1h: usdPerMillion.optional(),
	cacheRead: usdPerMillion,
});
export type ModelPrice = z.infer<typeof modelPriceSchema>;

/** Model id → price. */
export const priceTableSchema = z.record(z.string().min(1), modelPriceSchema);
export type PriceTable = z.infer<typeof priceTableSchema>;

export interface TokenUsage {
	/** Uncached input tokens (the API's `input_tokens` excludes the cached ones). */
	inputTokens: number;
	outputTokens: number;
	cacheReadTokens: number;
	/** All cache writes, whatever their lifetime. */
	cacheWriteTokens: number;
	/** The part of `cacheWriteTokens` written with the 1-hour lifetime. */
	cacheWrite1hTokens: number;
}

export const NO_USAGE: TokenUsage = {
	inputTokens: 0,
	outputTokens: 0,
	cacheReadTokens: 0,
	cacheWriteTokens: 0,
	cacheWrite1hTokens: 0,
};

/**
 * USD for one call, rounded to 1e-9. Null when the price is not known: a model missing from the
 * table, or 1-hour cache writes without a `cacheWrite1h` price. We return null rather than guess or
 * throw because the answer has already been paid for and must still reach the customer; the config
 * schema refuses a configured model without a price, so null only appears when the API answered
 * with a model id the table does not list.
 */
export function costUsd(usage: TokenUsage, model: string, prices: PriceTable): number | null {
	const price = Object.hasOwn(prices, model) ? prices[model] : undefined;
	if (!price) return null;
	if (usage.cacheWrite1hTokens > 0 && price.cacheWrite1h === undefined) return null;
	const cacheWrite5m = usage.cacheWriteTokens - usage.cacheWrite1hTokens;
	const micro =
		usage.inputTokens * price.input +
		usage.outputTokens * price.output +
		cacheWrite5m * price.cacheWrite +
		usage.cacheWrite1hTokens * (price.cacheWrite1h ?? 0) +
		usage.cacheReadTokens * price.cacheRead;
	return Math.round((micro / 1_000_000) * 1e9) / 1e9;
}
