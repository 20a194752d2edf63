import { ContentError } from './content-error.ts';

import type { UnreachableReason } from '../common/unreachable.ts';

export type { UnreachableReason };

export interface ContentUnreachableFields {
	reason: UnreachableReason;
	baseUrl: string;
	/** What to check, for people reading logs or an n8n error panel. */
	description: string;
	cause?: unknown;
}

/** No HTTP answer from Directus at all: refused, unknown host, timeout or a dropped connection. */
export class ContentUnreachableError extends ContentError {
	override readonly code = 'CONTENT_UNREACHABLE';
	override readonly status = 503;
	readonly reason: UnreachableReason;
	readonly baseUrl: string;
	readonly description: string;

	constructor(message: string, fields: ContentUnreachableFields) {
		super(message, { cause: fields.cause });
		this.name = 'ContentUnreachableError';
		this.reason = fields.reason;
		this.baseUrl = fields.baseUrl;
		this.description = fields.description;
	}
}
