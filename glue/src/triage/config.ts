// How the triage calls Claude. The model id and its prices have no default on purpose: they change
// monthly and belong to the deployment (DESIGN.md §4). Everything else has a working default.
import { z } from 'zod/v4';
import { inputIssues } from '../common/input-issues.ts';
import { TriageConfigError } from './errors.ts';
import { priceTableSchema } from './pricing.ts';

/**
 * Words that raise a fallback triage's urgency; matched whole, accents and case folded. A
 * department's Directus `urgency_keywords` replaces a level of them. `high` covers an outage as
 * customers describe it ("internet down", "sin internet"), which is how most of them do.
 */
export const DEFAULT_URGENCY_KEYWORDS = {
	critical: [
		'outage',
		'emergency',
		'no service',
		'service down',
		'sin servicio',
		'caida',
		'emergencia',
		'sem servico',
		'panne',
		'storung',
	],
	high: [
		'urgent',
		'asap',
		'immediately',
		'urgente',
		'inmediato',
		'ya mismo',
		'dringend',
		'internet down',
		'internet is down',
		'connection down',
		'no internet',
		'no connection',
		'no signal',
		'not working',
		'stopped working',
		"doesn't work",
		'red light',
		'sin internet',
		'sin conexion',
		'sin senal',
		'no funciona',
		'no anda',
		'caido',
		'se cayo',
		'luz roja',
	],
};

export const triageConfigSchema = z
	.object({
		model: z.string().min(1),
		// The SDK refuses non-streaming calls it expects to exceed 10 minutes (max_tokens ≳ 21,333).
		maxTokens: z.int().min(1).max(21_000).default(1024),
		/** Per attempt; the SDK retries a timed-out attempt `maxRetries` times. */
		timeoutMs: z.int().positive().default(30_000),
		/** Unset: the client's own setting (the SDK defaults to 2). */
		maxRetries: z.int().min(0).max(10).optional(),
		/** `output_config.effort`; unset: the model's default. */
		effort: z.enum(['low', 'medium', 'high', 'xhigh', 'max']).optional(),
		cacheTtl: z.enum(['5m', '1h']).default('5m'),
		/** How many earlier messages of the conversation Claude sees. */
		historyLimit: z.int().min(0).max(200).default(20),
		/** Longer messages are cut, so one pasted document cannot blow the budget. */
		maxMessageChars: z.int().min(100).max(100_000).default(4000),
		/** Language of `summary` and the hand-off reason, which agents read. */
		agentLanguage: z
			.string()
			.regex(/^[a-z]{2,3}$/)
			.default('en'),
		prices: priceTableSchema,
		urgencyKeywords: z
			.object({ critical: z.array(z.string().min(1)), high: z.array(z.string().min(1)) })
			.default(DEFAULT_URGENCY_KEYWORDS),
	})
	.refine((config) => Object.hasOwn(config.prices, config.model), {
		message: 'the configured model needs an entry in prices, or its cost cannot be reported',
		path: ['prices'],
	});
export type TriageConfigInput = z.input<typeof triageConfigSchema>;
export type TriageConfig = z.output<typeof triageConfigSchema>;

/** Parses once at startup; throws TriageConfigError naming every bad field. */
export function parseTriageConfig(input: unknown): TriageConfig {
	const result = triageConfigSchema.safeParse(input);
	if (!result.success) throw new TriageConfigError(inputIssues(result.error));
	return result.data;
}
