import { UnreachableError, type UnreachableRequest } from '../common/unreachable.ts';

const HINTS = {
	refused: 'Check the graph base URL (and that the simulator runs, when one is configured).',
	host_not_found: 'Check the graph base URL and the DNS this server resolves it with.',
	timeout: 'Meta or the network is slow; for a POST the call may still have been applied.',
	connection_reset:
		'The request may or may not have been applied; check before repeating a post or send.',
	network: 'A network error happened before Meta answered; see the cause.',
};

/** No HTTP answer from Graph at all: refused, unknown host, timeout or a dropped connection. */
export class MetaUnreachableError extends UnreachableError {
	constructor(error: unknown, request: UnreachableRequest) {
		super(error, 'meta', 'META_UNREACHABLE', {
			...request,
			service: 'The Graph API',
			hints: HINTS,
		});
		this.name = 'MetaUnreachableError';
	}
}
