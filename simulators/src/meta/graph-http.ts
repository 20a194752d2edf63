import type { NextFunction, Request, Response } from 'express';
import { metaJson } from './webhook-signature.ts';

export type GraphParams = Record<string, unknown>;

/** What a handler answers; the router sends it. */
export interface GraphReply {
	status: number;
	body: unknown;
	/** Runs once the reply is sent, so that webhooks it causes never overtake it. */
	after?: () => void;
}

/** Graph answers with the same escaped JSON its webhooks use. */
export function sendGraph(res: Response, status: number, body: unknown): void {
	res.status(status).type('application/json').send(metaJson(body));
}

/**
 * Graph takes parameters from the query string and the body alike (IG publishing code often sends
 * everything as query parameters); the body wins on a clash. The token is not a parameter.
 */
export function graphParams(req: Request): GraphParams {
	const body = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body : {};
	const merged: GraphParams = { ...(req.query as GraphParams), ...(body as GraphParams) };
	delete merged.access_token;
	return merged;
}

/** The `fields` parameter as a list, or the node's default fields when absent. */
export function requestedFields(params: GraphParams, defaults: readonly string[]): string[] {
	const raw = params.fields;
	if (typeof raw !== 'string' || raw.trim() === '') return [...defaults];
	return raw
		.split(',')
		.map((f) => f.trim())
		.filter(Boolean);
}

/** Keeps the requested fields that the node has, always with `id` last as Graph prints it. */
export function pickFields(
	node: Record<string, unknown>,
	fields: readonly string[],
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const field of fields) {
		if (field !== 'id' && node[field] !== undefined) out[field] = node[field];
	}
	if (node.id !== undefined) out.id = node.id;
	return out;
}

const OLDEST_VERSION = 22;
const DEFAULT_VERSION = 'v25.0';

/**
 * Strips `/vNN.N` from the path so routes match with or without it. Calls to a version past its end
 * of life run on the oldest available one, as Graph does (Chatwoot still calls v14.0).
 */
export function graphVersion(req: Request, res: Response, next: NextFunction): void {
	const match = /^\/v(\d+)\.\d+(?=\/|$)/.exec(req.path);
	let version = DEFAULT_VERSION;
	if (match?.[1]) {
		const major = Math.max(OLDEST_VERSION, Number(match[1]));
		version = `v${major}.0`;
		req.url = req.url.slice(match[0].length) || '/';
		if (req.url.startsWith('?')) req.url = '/' + req.url;
	}
	res.locals.graphVersion = version;
	res.set('facebook-api-version', version);
	next();
}

/** Graph's `created_time` format: ISO 8601 with a `+0000` offset. */
export function graphTime(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}
