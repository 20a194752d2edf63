// The Claude model and its prices: one home, .env (ANTHROPIC_MODEL, ANTHROPIC_PRICE_*), written into
// n8n's Claude credential by npm start and by first-start's n8n step; the nodes read the credential.
// No workflow JSON names a model (claude-model.test.ts proves it).

/** The variables, in the order .env.example lists them, and the credential field each fills. */
export const CLAUDE_MODEL_VARIABLES = {
	ANTHROPIC_MODEL: 'model',
	ANTHROPIC_PRICE_INPUT: 'priceInput',
	ANTHROPIC_PRICE_OUTPUT: 'priceOutput',
	ANTHROPIC_PRICE_CACHE_WRITE: 'priceCacheWrite',
	ANTHROPIC_PRICE_CACHE_READ: 'priceCacheRead',
} as const;

type PriceField = Exclude<
	(typeof CLAUDE_MODEL_VARIABLES)[keyof typeof CLAUDE_MODEL_VARIABLES],
	'model'
>;

export type ClaudeModelSettings = { model: string } & Record<PriceField, number>;

/**
 * What the local stack and the tests use while the Anthropic simulator answers: a model it knows and
 * prices of the same order as Haiku's, so the logged costs look like real ones. Never used against
 * a real API: a real ANTHROPIC_BASE_URL (or production) needs the variables set.
 */
export const SIMULATOR_MODEL_SETTINGS: ClaudeModelSettings = {
	model: 'claude-haiku-5-5',
	priceInput: 0.1,
	priceOutput: 0.5,
	priceCacheWrite: 0.125,
	priceCacheRead: 0.01,
};

export type ClaudeModelResult =
	| { ok: true; settings: ClaudeModelSettings }
	| { ok: false; problems: string[] };

/**
 * The settings from `env`. With `simulated`, unset variables take the simulator's; otherwise the
 * model and the input and output prices are required, the cache prices default to 0.
 */
export function claudeModelFromEnv(
	env: Record<string, string | undefined>,
	options: { simulated: boolean },
): ClaudeModelResult {
	const text = (name: string) => env[name]?.trim() ?? '';
	const problems: string[] = [];
	const settings = { ...SIMULATOR_MODEL_SETTINGS };
	for (const [name, field] of Object.entries(CLAUDE_MODEL_VARIABLES)) {
		const value = text(name);
		const required = field === 'model' || field === 'priceInput' || field === 'priceOutput';
		if (value === '') {
			if (options.simulated) continue;
			if (required) problems.push(`${name} (empty)`);
			else settings[field as PriceField] = 0;
			continue;
		}
		if (field === 'model') {
			settings.model = value;
			continue;
		}
		const number = Number(value);
		if (!Number.isFinite(number) || number < 0) {
			problems.push(`${name} (not a price in USD per million tokens, e.g. 0.8)`);
		} else settings[field] = number;
	}
	return problems.length ? { ok: false, problems } : { ok: true, settings };
}
