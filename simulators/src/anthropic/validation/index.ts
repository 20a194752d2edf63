import type { ApiVersion } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import type { ModelSpec } from '../models.ts';
import {
	type CountTokensParams,
	type MessageCreateParams,
	parseCountTokensParams,
	parseCreateParams,
} from './params.ts';
import { checkCreate, checkPrompt } from './rules.ts';

export type Validated<P> =
	| { ok: true; params: P; model: ModelSpec }
	| { ok: false; error: ApiError };

type FindModel = (id: string) => ModelSpec | undefined;

// Order as on the real API: the body's shape, then the model, then the rules that need both.
export function validateCreate(
	body: unknown,
	version: ApiVersion,
	beta: boolean,
	findModel: FindModel,
): Validated<MessageCreateParams> {
	const parsed = parseCreateParams(body, version, beta);
	if (!parsed.ok) return { ok: false, error: new ApiError(400, parsed.message) };
	const model = findModel(parsed.value.model);
	if (!model) return { ok: false, error: new ApiError(404, `model: ${parsed.value.model}`) };
	const error = checkCreate(parsed.value, model);
	return error ? { ok: false, error } : { ok: true, params: parsed.value, model };
}

export function validateCountTokens(
	body: unknown,
	beta: boolean,
	findModel: FindModel,
): Validated<CountTokensParams> {
	const parsed = parseCountTokensParams(body, beta);
	if (!parsed.ok) return { ok: false, error: new ApiError(400, parsed.message) };
	const model = findModel(parsed.value.model);
	if (!model) return { ok: false, error: new ApiError(404, `model: ${parsed.value.model}`) };
	const error = checkPrompt(parsed.value, model);
	return error ? { ok: false, error } : { ok: true, params: parsed.value, model };
}
