// Why a request got no answer at all, read from the socket error that axios or fetch (undici)
// wraps. The Chatwoot, Meta and Directus clients each turn the reason into their own typed error.

export type UnreachableReason =
	| 'refused'
	| 'host_not_found'
	| 'timeout'
	| 'connection_reset'
	| 'network';

/** The system error code (ECONNREFUSED…) on the error or down its causes. */
export function errorCode(error: unknown): string | undefined {
	// axios sets `code` itself; undici puts it in `cause`, sometimes an AggregateError's first.
	for (let current = error, depth = 0; current && depth < 4; depth++) {
		if (typeof current !== 'object') return undefined;
		const record = current as { code?: unknown; cause?: unknown; errors?: unknown };
		if (typeof record.code === 'string') return record.code;
		current = record.cause ?? (Array.isArray(record.errors) ? record.errors[0] : undefined);
	}
	return undefined;
}

/** An aborted fetch: its AbortSignal.timeout fired, or the caller gave up. */
export function isAbortTimeout(error: unknown): boolean {
	return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

export function unreachableReason(error: unknown): UnreachableReason {
	if (isAbortTimeout(error)) return 'timeout';
	switch (errorCode(error)) {
		case 'ECONNREFUSED':
			return 'refused';
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return 'host_not_found';
		case 'ETIMEDOUT':
		case 'ECONNABORTED': // axios's own timeout
		case 'UND_ERR_CONNECT_TIMEOUT':
			return 'timeout';
		case 'ECONNRESET':
		case 'EPIPE':
		case 'ERR_BAD_RESPONSE': // axios: the socket closed mid-response
		case 'UND_ERR_SOCKET':
			return 'connection_reset';
		default:
			return 'network';
	}
}

/** The host of a base URL, for messages; the URL itself when it does not parse. */
export function hostOf(baseUrl: string): string {
	try {
		return new URL(baseUrl).hostname;
	} catch {
		return baseUrl;
	}
}
