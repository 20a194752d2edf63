import { RemoteError } from '../common/remote-error.ts';

/**
 * A non-2xx answer without Graph's error envelope: usually a proxy or load balancer page, or an
 * outage. Nothing says whether Meta acted, so it is not retried.
 */
export class MetaHttpError extends RemoteError {
	readonly method: string;
	readonly path: string;
	/** The start of the body, for logs. */
	readonly excerpt: string;

	constructor(fields: { remoteStatus: number; method: string; path: string; body: unknown }) {
		const text = typeof fields.body === 'string' ? fields.body : JSON.stringify(fields.body ?? '');
		const excerpt = (text ?? '').trim().slice(0, 200);
		super(
			`Meta answered ${fields.remoteStatus} to ${fields.method} ${fields.path} without a Graph error` +
				(excerpt ? `: ${excerpt}` : ''),
			{ vendor: 'meta', code: 'META_HTTP_ERROR', remoteStatus: fields.remoteStatus },
		);
		this.name = 'MetaHttpError';
		this.method = fields.method;
		this.path = fields.path;
		this.excerpt = excerpt;
	}
}
