// Which failures mean "Directus is down" (answer from what we last read) rather than "our request
// or setup is wrong" (a 401, 403 or 404 must still surface, not be papered over with old content).
import { ContentApiError } from './content-api-error.ts';
import { ContentUnreachableError } from './content-unreachable-error.ts';

/** Why Directus could not be read, e.g. "unreachable" or "HTTP 503"; null when it is not down. */
export function directusDownReason(error: unknown): string | null {
	if (error instanceof ContentUnreachableError) return 'unreachable';
	if (error instanceof ContentApiError && error.remoteStatus !== null) {
		if (error.remoteStatus >= 500 || error.remoteStatus === 429) {
			return `HTTP ${error.remoteStatus}`;
		}
	}
	return null;
}
