import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import {
	batchResults,
	cancelBatch,
	createBatch,
	deleteBatch,
	listBatches,
	retrieveBatch,
} from './handlers/batches.ts';
import { countTokens } from './handlers/count-tokens.ts';
import { createMessage } from './handlers/messages.ts';
import { listModels, retrieveModel } from './handlers/models.ts';
import { requireApiKey, requireVersion } from './http/auth.ts';
import { ApiError, sendError } from './http/errors.ts';
import { requestContext } from './http/request-context.ts';
import type { AnthropicState } from './state/index.ts';

/** The simulated API under /v1: request id first, then auth, then the version header, then routes. */
export function mountApi(app: Express, state: AnthropicState): void {
	const api = express.Router();
	api.use(requestContext, requireApiKey(state.apiKeys), requireVersion);
	api.post('/messages', createMessage(state));
	api.post('/messages/count_tokens', countTokens(state));
	api.post('/messages/batches', createBatch(state));
	api.get('/messages/batches', listBatches(state));
	api.get('/messages/batches/:id', retrieveBatch(state));
	api.delete('/messages/batches/:id', deleteBatch(state));
	api.post('/messages/batches/:id/cancel', cancelBatch(state));
	api.get('/messages/batches/:id/results', batchResults(state));
	api.get('/models', listModels);
	api.get('/models/:id', retrieveModel);
	api.use((_req, res) => sendError(res, new ApiError(404, 'Not found')));
	app.use('/v1', api);
	app.use('/v1', apiBodyErrors);
}

// The body parsers fail before the router runs; answer in the API's error shape, not the core's.
function apiBodyErrors(err: unknown, req: Request, res: Response, next: NextFunction): void {
	const type = err && typeof err === 'object' && 'type' in err ? err.type : undefined;
	if (type === 'entity.parse.failed') {
		requestContext(req, res, () =>
			sendError(res, new ApiError(400, 'The request body is not valid JSON')),
		);
		return;
	}
	if (type === 'entity.too.large') {
		requestContext(req, res, () => sendError(res, new ApiError(413)));
		return;
	}
	next(err);
}
