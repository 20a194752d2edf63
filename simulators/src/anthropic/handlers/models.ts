import type { Request, Response } from 'express';
import { ApiError, sendError } from '../http/errors.ts';
import { describeIssues } from '../validation/issues.ts';
import { KNOWN_MODELS, type ModelSpec } from '../models.ts';
import { pageQuery, paginate } from './paginate.ts';

// GET /v1/models[/:id]: enough of ModelInfo for a key check or a model picker. Release dates and
// context sizes are not in the reference, so those fields are fixed or null.
// The SDK warns about these two (internal/data/deprecated-models.ts); only Sonnet 4.5 has a date.
const deprecated: Record<string, string | null> = {
	'claude-sonnet-4-5': '2026-11-30T00:00:00Z',
	'claude-sonnet-4-5-20250929': '2026-11-30T00:00:00Z',
	'claude-mythos-preview': null,
};
const lines = ['haiku', 'sonnet', 'opus', 'fable', 'mythos'] as const;

function displayName(id: string): string {
	const [, line = '', ...version] = id.split('-');
	const numbers = version.filter((part) => part.length <= 2);
	return `Claude ${line.charAt(0).toUpperCase()}${line.slice(1)} ${numbers.join('.')}`.trim();
}

function modelInfo(model: ModelSpec) {
	const line = lines.find((l) => model.id.startsWith(`claude-${l}`)) ?? null;
	return {
		type: 'model' as const,
		id: model.id,
		display_name: displayName(model.id),
		created_at: '2026-01-01T00:00:00Z',
		capabilities: null,
		lifecycle: model.id in deprecated ? ('deprecated' as const) : ('active' as const),
		deprecated_at: null,
		retires_at: deprecated[model.id] ?? null,
		line,
		max_input_tokens: null,
		max_tokens: model.maxOutputTokens,
	};
}

export function listModels(req: Request, res: Response): void {
	const query = pageQuery.safeParse(req.query);
	if (!query.success) return sendError(res, new ApiError(400, describeIssues(query.error.issues)));
	res.json(paginate([...KNOWN_MODELS.values()].map(modelInfo), query.data));
}

export function retrieveModel(req: Request, res: Response): void {
	const model = KNOWN_MODELS.get(String(req.params.id));
	if (!model) return sendError(res, new ApiError(404, `model: ${String(req.params.id)}`));
	res.json(modelInfo(model));
}
