import type { Request, Response } from 'express';
import { runMessage } from '../engine/run.ts';
import { apiVersionOf } from '../http/auth.ts';
import { ApiError, errorBody, sendError } from '../http/errors.ts';
import { type BatchRecord, type BatchResult, isEnded, viewBatch } from '../state/batches.ts';
import { newId } from '../state/ids.ts';
import type { AnthropicState } from '../state/index.ts';
import { promptBlocks } from '../tokens/prompt.ts';
import { validateCreate } from '../validation/index.ts';
import { describeIssues } from '../validation/issues.ts';
import { parseBatchCreateParams } from '../validation/params.ts';
import { pageQuery, paginate } from './paginate.ts';

// Message Batches (reference §9): each request is answered at creation, through the same validation
// and responder as /v1/messages (scripted answers included, in request order); the results show once
// the batch has ended.

function baseUrl(req: Request): string {
	return `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`;
}

function failed(error: ApiError): BatchResult {
	return { type: 'errored', error: errorBody(error.type, error.message, newId.request()) };
}

function answer(state: AnthropicState, req: Request, params: unknown): BatchResult {
	const valid = validateCreate(params, apiVersionOf(req), false, (id) => state.model(id));
	if (!valid.ok) return failed(valid.error);
	const blocks = promptBlocks(valid.params, valid.model);
	const outcome = runMessage(state, valid.params, valid.model, blocks, 'batch');
	return outcome.kind === 'message'
		? { type: 'succeeded', message: outcome.message }
		: failed(outcome.error);
}

function findBatch(state: AnthropicState, req: Request, res: Response): BatchRecord | undefined {
	const batch = state.batches.get(String(req.params.id));
	if (!batch) {
		sendError(
			res,
			new ApiError(404, `message_batch_id: no batch with id ${String(req.params.id)}`),
		);
	}
	return batch;
}

export function createBatch(state: AnthropicState) {
	return (req: Request, res: Response): void => {
		const parsed = parseBatchCreateParams(req.body);
		if (!parsed.ok) return sendError(res, new ApiError(400, parsed.message));
		const ids = parsed.value.requests.map((r) => r.custom_id);
		const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
		if (duplicate) {
			return sendError(
				res,
				new ApiError(400, `requests: custom_id "${duplicate}" is used more than once`),
			);
		}
		const now = state.now().getTime();
		const batch: BatchRecord = {
			id: newId.batch(),
			createdAt: now,
			endsAt: now + state.batchProcessingMs,
			cancelInitiatedAt: null,
			results: parsed.value.requests.map((r) => ({
				custom_id: r.custom_id,
				result: answer(state, req, r.params),
			})),
		};
		state.batches.add(batch);
		// Even a batch that needs no time is still in progress when its creation is answered.
		res.json(viewBatch(batch, Math.min(now, batch.endsAt - 1), baseUrl(req)));
	};
}

export function listBatches(state: AnthropicState) {
	return (req: Request, res: Response): void => {
		const query = pageQuery.safeParse(req.query);
		if (!query.success) {
			return sendError(res, new ApiError(400, describeIssues(query.error.issues)));
		}
		const now = state.now().getTime();
		const views = state.batches.list().map((b) => viewBatch(b, now, baseUrl(req)));
		res.json(paginate(views, query.data));
	};
}

export function retrieveBatch(state: AnthropicState) {
	return (req: Request, res: Response): void => {
		const batch = findBatch(state, req, res);
		if (batch) res.json(viewBatch(batch, state.now().getTime(), baseUrl(req)));
	};
}

export function cancelBatch(state: AnthropicState) {
	return (req: Request, res: Response): void => {
		const batch = findBatch(state, req, res);
		if (!batch) return;
		const now = state.now().getTime();
		state.batches.cancel(batch, now);
		res.json(viewBatch(batch, now, baseUrl(req)));
	};
}

export function deleteBatch(state: AnthropicState) {
	return (req: Request, res: Response): void => {
		const batch = findBatch(state, req, res);
		if (!batch) return;
		if (!isEnded(batch, state.now().getTime())) {
			return sendError(
				res,
				new ApiError(
					400,
					`Batch ${batch.id} cannot be deleted while it is still processing; cancel it first`,
				),
			);
		}
		state.batches.delete(batch.id);
		res.json({ id: batch.id, type: 'message_batch_deleted' });
	};
}

/** JSONL, deliberately not in request order: clients must match results on custom_id. */
export function batchResults(state: AnthropicState) {
	return (req: Request, res: Response): void => {
		const batch = findBatch(state, req, res);
		if (!batch) return;
		if (!isEnded(batch, state.now().getTime())) {
			return sendError(
				res,
				new ApiError(404, `Results for batch ${batch.id} are not available until it has ended`),
			);
		}
		const lines = [...batch.results].reverse().map((entry) => JSON.stringify(entry));
		res
			.status(200)
			.type('application/binary')
			.send(`${lines.join('\n')}\n`);
	};
}
