import type { Request, Response } from 'express';
import { sendError } from '../http/errors.ts';
import type { AnthropicState } from '../state/index.ts';
import { promptBlocks, totalTokens } from '../tokens/prompt.ts';
import { validateCountTokens } from '../validation/index.ts';
import { isBeta } from './messages.ts';

/** POST /v1/messages/count_tokens: the same total a Messages call reports as its input. */
export function countTokens(state: AnthropicState) {
	return (req: Request, res: Response): void => {
		const valid = validateCountTokens(req.body, isBeta(req), (id) => state.model(id));
		if (!valid.ok) return sendError(res, valid.error);
		res.json({ input_tokens: totalTokens(promptBlocks(valid.params, valid.model)) });
	};
}
