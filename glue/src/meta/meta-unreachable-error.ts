import { MetaError } from './meta-error.ts';

import type { UnreachableReason } from '../common/unreachable.ts';

export type { UnreachableReason };

export interface MetaUnreachableFields {
	reason: UnreachableReason;
	baseUrl: string;
	method: string;
	path: string;
	/** What to check, for people reading logs or an n8n error panel. */
	description: string;
	cause?: unknown;
}

/** No HTTP answer from Graph at all: refused, unknown host, timeout or a dropped connection. */
export class MetaUnreachableError extends MetaError {
	override readonly code = 'META_UNREACHABLE';
	readonly reason: UnreachableReason;
	readonly baseUrl: string;
	readonly method: string;
	readonly path: string;
	readonly description: string;

	constructor(message: string, fields: MetaUnreachableFields) {
		super(message, { cause: fields.cause });
		this.name = 'MetaUnreachableError';
		this.reason = fields.reason;
		this.baseUrl = fields.baseUrl;
		this.method = fields.method;
		this.path = fields.path;
		this.description = fields.description;
	}
}
