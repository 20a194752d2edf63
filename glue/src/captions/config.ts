// How the captions call Claude. The model id and its prices have no default on purpose: they change
// monthly and belong to the deployment (DESIGN.md §4). The price table is the triage's, so one
// configured table serves both.
import { z } from 'zod/v4';
import { inputIssues } from '../common/input-issues.ts';
import { priceTableSchema } from '../triage/index.ts';
import { CaptionConfigError } from './caption-config-error.ts';

export const captionConfigSchema = z
	.object({
		model: z.string().min(1),
		// Three captions of up to 2,200 characters plus adaptive thinking. The SDK refuses non-streaming
		// calls it expects to exceed 10 minutes (max_tokens ≳ 21,333).
		maxTokens: z.int().min(1).max(21_000).default(4096),
		/** Per attempt; the SDK retries a timed-out attempt `maxRetries` times. */
		timeoutMs: z.int().positive().default(60_000),
		/** Unset: the client's own setting (the SDK defaults to 2). */
		maxRetries: z.int().min(0).max(10).optional(),
		/** `output_config.effort`; unset: the model's default. */
		effort: z.enum(['low', 'medium', 'high', 'xhigh', 'max']).optional(),
		prices: priceTableSchema,
	})
	.refine((config) => Object.hasOwn(config.prices, config.model), {
		message: 'the configured model needs an entry in prices, or its cost cannot be reported',
		path: ['prices'],
	});
export type CaptionConfigInput = z.input<typeof captionConfigSchema>;
export type CaptionConfig = z.output<typeof captionConfigSchema>;

/** Parses once at startup; throws CaptionConfigError naming every bad field. */
export function parseCaptionConfig(input: unknown): CaptionConfig {
	const result = captionConfigSchema.safeParse(input);
	if (!result.success) throw new CaptionConfigError(inputIssues(result.error));
	return result.data;
}
