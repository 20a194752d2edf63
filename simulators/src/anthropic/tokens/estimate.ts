import type { ModelSpec } from '../models.ts';

// Plausible, not exact: about 4 characters per token (3.5 on the newer tokenizer, reference §8).
export function estimateTokens(text: string, model: Pick<ModelSpec, 'charsPerToken'>): number {
	return text.length === 0 ? 0 : Math.ceil(text.length / model.charsPerToken);
}
