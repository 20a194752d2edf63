import { UnreachableError, type UnreachableRequest } from '../common/unreachable.ts';

const HINTS = {
	refused: 'Check that Directus is running and that the URL has the right port (default 8055).',
	host_not_found: 'Check the host name in the Directus URL.',
	timeout: 'Directus or its database is overloaded or hanging; try again or raise the timeout.',
	connection_reset: 'A proxy or Directus restarted mid-request; try again.',
	network: 'A network error happened before Directus answered; see the cause.',
};

/** No HTTP answer from Directus at all: refused, unknown host, timeout or a dropped connection. */
export class ContentUnreachableError extends UnreachableError {
	constructor(error: unknown, request: UnreachableRequest) {
		super(error, 'directus', 'CONTENT_UNREACHABLE', {
			...request,
			service: 'Directus',
			hints: HINTS,
		});
		this.name = 'ContentUnreachableError';
	}
}
