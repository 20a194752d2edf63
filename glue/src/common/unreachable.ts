// Why a request got no answer at all, read from the socket error that axios or fetch (undici)
// wraps, and the one wording of it: every client (Chatwoot, Meta, Directus, the forwarder to n8n,
// the promotions hook) says "refused", "not found", "timed out" the same way, with its own hints.
import { RemoteError, type RemoteVendor } from './remote-error.ts';

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

export interface UnreachableTarget {
	/** How a sentence names the remote: "Chatwoot", "The Graph API", "n8n". */
	service: string;
	baseUrl: string;
	/** The per-attempt timeout, named when the reason is a timeout. */
	timeoutMs?: number;
	/** What to check, per reason, for people reading logs or an n8n error panel. */
	hints: Record<UnreachableReason, string>;
}

export interface UnreachableDescription {
	reason: UnreachableReason;
	/** One sentence, without a full stop, e.g. `Chatwoot refused the connection at http://…`. */
	sentence: string;
	/** The hint for that reason. */
	description: string;
}

/**
 * Why `target` gave no answer, in words.
 *
 * @example
 * describeUnreachable(error, { service: 'n8n', baseUrl: url, timeoutMs: 10_000, hints });
 * // { reason: 'refused', sentence: 'n8n refused the connection at http://n8n:5678/…',
 * //   description: 'Check that n8n is running.' }
 */
export function describeUnreachable(
	error: unknown,
	target: UnreachableTarget,
): UnreachableDescription {
	const { service, baseUrl, timeoutMs } = target;
	const reason = unreachableReason(error);
	const sentences: Record<UnreachableReason, string> = {
		refused: `${service} refused the connection at ${baseUrl}`,
		host_not_found: `${service} host "${hostOf(baseUrl)}" was not found`,
		timeout: `${service} did not answer ${timeoutMs ? `within ${timeoutMs} ms` : 'in time'}`,
		connection_reset: `${service} closed the connection before answering`,
		network: `Could not reach ${service} at ${baseUrl}`,
	};
	return { reason, sentence: sentences[reason], description: target.hints[reason] };
}

export interface UnreachableRequest {
	baseUrl: string;
	method: string;
	path: string;
	timeoutMs?: number;
}

/**
 * No HTTP answer at all: refused, unknown host, timeout or a dropped connection. Never retried by
 * the clients: after a timeout or a reset nobody knows whether the remote acted.
 *
 * @example
 * // A vendor's own class is a constructor that names it (see chatwoot-unreachable-error.ts):
 * throw new UnreachableError(error, 'chatwoot', 'CHATWOOT_UNREACHABLE', {
 * 	...{ baseUrl, method: 'GET', path: '/api/v1/profile', timeoutMs: 15_000 },
 * 	service: 'Chatwoot',
 * 	hints,
 * });
 */
export class UnreachableError extends RemoteError {
	readonly reason: UnreachableReason;
	readonly baseUrl: string;
	readonly method: string;
	readonly path: string;
	/** What to check, for people reading logs or an n8n error panel. */
	readonly description: string;

	constructor(
		error: unknown,
		vendor: RemoteVendor,
		code: string,
		request: UnreachableRequest & Omit<UnreachableTarget, 'baseUrl' | 'timeoutMs'>,
	) {
		const { reason, sentence, description } = describeUnreachable(error, request);
		super(`${sentence} (${request.method} ${request.path}).`, {
			vendor,
			code,
			remoteStatus: null,
			cause: error,
		});
		this.name = 'UnreachableError';
		this.reason = reason;
		this.baseUrl = request.baseUrl;
		this.method = request.method;
		this.path = request.path;
		this.description = description;
	}
}
