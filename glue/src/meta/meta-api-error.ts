import { RemoteError } from '../common/remote-error.ts';
import type { GraphError } from './graph-error-body.ts';

export interface MetaApiErrorFields {
	/** Meta's HTTP status (the same code may come as 400 or 429; branch on graph.code). */
	remoteStatus: number;
	method: string;
	/** Path with the version, without the query (which carries appsecret_proof). */
	path: string;
	graph: GraphError;
}

// Meta documents #1 (unknown) and #2 (service) as temporary: "wait and retry the operation".
const TEMPORARY_CODES = new Set([1, 2]);

/**
 * Meta answered with Graph's error envelope. Subclasses name the kinds callers act on. Retryable
 * only when Meta marks it transient (is_transient, #1, #2): then Meta did not act, so even a send or
 * a post may be repeated.
 */
export class MetaApiError extends RemoteError {
	readonly method: string;
	readonly path: string;
	/** message, type, code, error_subcode, fbtrace_id, is_transient, … as Meta sent them. */
	readonly graph: GraphError;

	constructor(fields: MetaApiErrorFields) {
		const subcode =
			fields.graph.error_subcode === undefined ? '' : `/${fields.graph.error_subcode}`;
		super(
			`Meta answered ${fields.remoteStatus} (#${fields.graph.code}${subcode}) to ${fields.method} ` +
				`${fields.path}: ${fields.graph.message}` +
				(fields.graph.fbtrace_id ? ` [fbtrace_id ${fields.graph.fbtrace_id}]` : ''),
			{
				vendor: 'meta',
				code: 'META_API_ERROR',
				remoteStatus: fields.remoteStatus,
				retryable: fields.graph.is_transient === true || TEMPORARY_CODES.has(fields.graph.code),
			},
		);
		this.name = 'MetaApiError';
		this.method = fields.method;
		this.path = fields.path;
		this.graph = fields.graph;
	}
}
