// The base of every error that comes from talking to another system: it answered with an error,
// or it did not answer at all. Each vendor's family (Chatwoot, Meta, Directus) is a thin subclass.

/** The systems the library calls over HTTP. */
export type RemoteVendor = 'chatwoot' | 'meta' | 'directus' | 'claude' | 'n8n' | 'google';

export interface RemoteErrorFields {
	vendor: RemoteVendor;
	/** Stable, for adapters to branch on, e.g. CHATWOOT_NOT_FOUND. */
	code: string;
	/** The HTTP status the remote answered with; null when it never answered. */
	remoteStatus: number | null;
	/** Whether the remote certainly did not act, so that repeating the request is safe. */
	retryable?: boolean;
	cause?: unknown;
}

/**
 * A failed exchange with another system. `remoteStatus` is what that system answered;
 * `httpStatus` is what an adapter of ours answers its own caller with (502 for a remote that
 * failed, 503 for one we could not reach, the remote's own 4xx otherwise).
 *
 * @example
 * class AcmeApiError extends RemoteError {
 * 	constructor(status: number) {
 * 		super(`Acme answered ${status}`, { vendor: 'n8n', code: 'ACME_API_ERROR', remoteStatus: status });
 * 	}
 * }
 * if (error instanceof RemoteError && error.retryable) retryLater();
 */
export class RemoteError extends Error {
	readonly vendor: RemoteVendor;
	readonly code: string;
	readonly remoteStatus: number | null;
	readonly retryable: boolean;

	constructor(message: string, fields: RemoteErrorFields) {
		super(message, { cause: fields.cause });
		this.name = 'RemoteError';
		this.vendor = fields.vendor;
		this.code = fields.code;
		this.remoteStatus = fields.remoteStatus;
		this.retryable = fields.retryable ?? false;
	}

	get httpStatus(): number {
		if (this.remoteStatus === null) return 503;
		return this.remoteStatus >= 500 ? 502 : this.remoteStatus;
	}
}
