// Turns Meta's answers and network failures into the typed errors, in one place.
import type { GraphError } from './graph-error-body.ts';
import { MetaApiError, type MetaApiErrorFields } from './meta-api-error.ts';
import { MetaInvalidParameterError } from './meta-invalid-parameter-error.ts';
import { MetaPermissionError } from './meta-permission-error.ts';
import { MetaRateLimitedError, type RateLimitScope } from './meta-rate-limited-error.ts';
import { MetaTokenError, type TokenProblem } from './meta-token-error.ts';
import { WhatsAppPairRateError } from './whatsapp-pair-rate-error.ts';
import { WhatsAppReengagementError } from './whatsapp-reengagement-error.ts';
import { WhatsAppThroughputError } from './whatsapp-throughput-error.ts';

export { InstagramCaptionError, type CaptionLimit } from './instagram-caption-error.ts';
export {
	InstagramContainerError,
	type FailedContainerStatus,
} from './instagram-container-error.ts';
export { InstagramContainerTimeoutError } from './instagram-container-timeout-error.ts';
export { InstagramPublishLimitError } from './instagram-publish-limit-error.ts';
export { MetaApiError, type MetaApiErrorFields } from './meta-api-error.ts';
export { MetaError } from './meta-error.ts';
export { MetaHttpError } from './meta-http-error.ts';
export { MetaInvalidParameterError } from './meta-invalid-parameter-error.ts';
export { MetaPermissionError } from './meta-permission-error.ts';
export { MetaRateLimitedError, type RateLimitScope } from './meta-rate-limited-error.ts';
export { MetaResponseError } from './meta-response-error.ts';
export { MetaTokenError, type TokenProblem } from './meta-token-error.ts';
export { MetaUnreachableError } from './meta-unreachable-error.ts';
export { WhatsAppPairRateError } from './whatsapp-pair-rate-error.ts';
export { WhatsAppReengagementError } from './whatsapp-reengagement-error.ts';
export { WhatsAppThroughputError } from './whatsapp-throughput-error.ts';

/** The Graph codes of each rate limit: app, user, page, custom, and the business use cases. */
function rateLimitScope(code: number): RateLimitScope | null {
	if (code === 4) return 'app';
	if (code === 17) return 'user';
	if (code === 32) return 'page';
	if (code === 613) return 'custom';
	// 80000 ads_insights … 80007 WhatsApp WABA … 80014: one code per business use case.
	if (code >= 80000 && code <= 80014) return 'business_use_case';
	return null;
}

function tokenProblem(graph: GraphError): TokenProblem | null {
	if (graph.code === 104) return 'missing';
	if (graph.code === 190 && graph.error_subcode === 463) return 'expired';
	if (graph.code === 190 || graph.code === 102 || graph.code === 0) return 'invalid';
	return null;
}

/** The typed error for a Graph error envelope, chosen by code (never by message). */
export function graphErrorFor(
	fields: MetaApiErrorFields & { retryAfterMs: number | null },
): MetaApiError {
	const { graph, retryAfterMs, ...request } = fields;
	const base = { ...request, graph };
	const problem = tokenProblem(graph);
	if (problem) return new MetaTokenError({ ...base, problem });
	if (graph.code === 130429) {
		return new WhatsAppThroughputError({ ...base, scope: 'whatsapp_throughput', retryAfterMs });
	}
	if (graph.code === 131056) {
		return new WhatsAppPairRateError({ ...base, scope: 'whatsapp_pair', retryAfterMs });
	}
	const scope = rateLimitScope(graph.code);
	if (scope) return new MetaRateLimitedError({ ...base, scope, retryAfterMs });
	if (graph.code === 131047) return new WhatsAppReengagementError(base);
	if (graph.code === 10 || (graph.code >= 200 && graph.code <= 299)) {
		return new MetaPermissionError(base);
	}
	if (graph.code === 100 || graph.code === 131008 || graph.code === 131009) {
		return new MetaInvalidParameterError(base);
	}
	return new MetaApiError(base);
}
