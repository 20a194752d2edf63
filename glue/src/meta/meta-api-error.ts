import type { GraphError } from './graph-error-body.ts';
import { MetaError } from './meta-error.ts';

export interface MetaApiErrorFields {
	/** Meta's HTTP status (the same code may come as 400 or 429; branch on graph.code). */
	status: number;
	method: string;
	/** Path with the version, without the query (which carries appsecret_proof). */
	path: string;
	graph: GraphError;
}

/** Meta answered with Graph's error envelope. Subclasses name the kinds callers act on. */
export class MetaApiError extends MetaError {
	override readonly code: string = 'META_API_ERROR';
	readonly status: number;
	readonly method: string;
	readonly path: string;
	/** message, type, code, error_subcode, fbtrace_id, is_transient, … as Meta sent them. */
	readonly graph: GraphError;

	constructor(fields: MetaApiErrorFields) {
		const subcode =
			fields.graph.error_subcode === undefined ? '' : `/${fields.graph.error_subcode}`;
		super(
			`Meta answered ${fields.status} (#${fields.graph.code}${subcode}) to ${fields.method} ` +
				`${fields.path}: ${fields.graph.message}` +
				(fields.graph.fbtrace_id ? ` [fbtrace_id ${fields.graph.fbtrace_id}]` : ''),
		);
		this.name = 'MetaApiError';
		this.status = fields.status;
		this.method = fields.method;
		this.path = fields.path;
		this.graph = fields.graph;
	}
}
