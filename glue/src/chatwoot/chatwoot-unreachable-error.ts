import { UnreachableError, type UnreachableRequest } from '../common/unreachable.ts';

const HINTS = {
	refused: 'Check that Chatwoot is running and that the base URL has the right port.',
	host_not_found:
		'Check the host name in the base URL and the DNS or Docker network it resolves on.',
	timeout:
		'Chatwoot or the proxy in front of it is overloaded or hanging; try again or raise the timeout.',
	connection_reset:
		'A proxy or Chatwoot restarted mid-request; the request may or may not have been applied.',
	network: 'A network error happened before Chatwoot answered; see the cause.',
};

/** No HTTP answer from Chatwoot at all: refused, unknown host, timeout or a dropped connection. */
export class ChatwootUnreachableError extends UnreachableError {
	constructor(error: unknown, request: UnreachableRequest) {
		super(error, 'chatwoot', 'CHATWOOT_UNREACHABLE', {
			...request,
			service: 'Chatwoot',
			hints: HINTS,
		});
		this.name = 'ChatwootUnreachableError';
	}
}
