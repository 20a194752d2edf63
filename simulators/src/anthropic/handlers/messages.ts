import type { Request, Response } from 'express';
import { messageEvents, writeSse } from '../engine/sse.ts';
import { runMessage } from '../engine/run.ts';
import { apiVersionOf } from '../http/auth.ts';
import { ApiError, sendError } from '../http/errors.ts';
import type { AnthropicState } from '../state/index.ts';
import { promptBlocks, totalTokens } from '../tokens/prompt.ts';
import { validateCreate } from '../validation/index.ts';

/** Beta calls (the `anthropic-beta` header; `?beta=true` from SDK 0.x) may carry beta-only fields. */
export function isBeta(req: Request): boolean {
	return req.query.beta === 'true' || req.get('anthropic-beta') !== undefined;
}

/** POST /v1/messages, plain JSON or SSE (switched on the body's `stream`, never on Accept). */
export function createMessage(state: AnthropicState) {
	return (req: Request, res: Response): void => {
		const valid = validateCreate(req.body, apiVersionOf(req), isBeta(req), (id) => state.model(id));
		if (!valid.ok) return sendError(res, valid.error);
		const { params, model } = valid;
		const blocks = promptBlocks(params, model);
		const now = state.now().getTime();
		const verdict = state.limiter.admit(totalTokens(blocks), now);
		if (!verdict.ok) {
			const headers = {
				...state.limiter.headers(now),
				'retry-after': String(verdict.retryAfterSeconds),
			};
			return sendError(res, new ApiError(429, verdict.message, { headers }));
		}
		const outcome = runMessage(state, params, model, blocks, 'standard');
		if (outcome.kind === 'message') state.limiter.recordOutput(outcome.message.usage.output_tokens);
		res.set(state.limiter.headers(now));
		if (outcome.kind === 'error') {
			if (outcome.body === undefined) return sendError(res, outcome.error);
			res.status(outcome.error.status).set(outcome.error.headers).json(outcome.body);
			return;
		}
		if (params.stream) return writeSse(res, messageEvents(outcome.message, outcome.streamError));
		res.json(outcome.message);
	};
}
