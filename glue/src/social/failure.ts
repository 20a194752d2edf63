// What marketing reads in social_post_logs when an attempt failed: a stable code and a sentence that
// says what happened and what to do. Codes: Meta's own number when Meta answered with a Graph error
// ("190/463", the number its documentation and support use), otherwise the library's typed code
// (META_INSTAGRAM_CONTAINER, CAPTION_OVER_LIMIT, …).
import {
	InstagramCaptionError,
	InstagramContainerError,
	InstagramContainerTimeoutError,
	InstagramPublishLimitError,
	MetaApiError,
	MetaPermissionError,
	MetaRateLimitedError,
	MetaTokenError,
	MetaUnreachableError,
} from '../meta/errors.ts';

export interface FailureReport {
	code: string;
	message: string;
}

function graphCode(error: MetaApiError): string {
	const { code, error_subcode: subcode } = error.graph;
	return subcode === undefined ? String(code) : `${code}/${subcode}`;
}

function metaSaid(error: MetaApiError): string {
	const said = error.graph.error_user_msg ?? error.graph.message;
	return `Meta said: ${said}`;
}

function graphFailure(error: MetaApiError): FailureReport {
	const code = graphCode(error);
	if (error instanceof MetaTokenError) {
		return {
			code,
			message:
				`Meta refused the access token (#${code}, ${error.problem}): renew the Page token in ` +
				`n8n's Meta Graph API credential. Nothing was posted. ${metaSaid(error)}`,
		};
	}
	if (error instanceof MetaRateLimitedError) {
		return {
			code,
			message:
				`Meta's rate limit was hit (#${code}, ${error.scope}); nothing was posted, the next ` +
				`slot tries again. ${metaSaid(error)}`,
		};
	}
	if (error instanceof MetaPermissionError) {
		return {
			code,
			message:
				`The Page token lacks a permission (#${code}): it needs pages_manage_posts for the ` +
				`Page and instagram_content_publish for Instagram. ${metaSaid(error)}`,
		};
	}
	return { code, message: `Meta refused the post (#${code}). ${metaSaid(error)}` };
}

/** The code and sentence for an error thrown while posting. */
export function describeFailure(error: unknown): FailureReport {
	if (error instanceof InstagramPublishLimitError) {
		const used =
			error.quotaUsage === null ? '' : ` (${error.quotaUsage} of ${error.quotaTotal} used)`;
		return {
			code: error.graph ? `${error.graph.code}/${error.graph.error_subcode}` : error.code,
			message:
				`Instagram's 24-hour publishing limit is used up${used}; nothing was posted, the next ` +
				'slot tries again.',
		};
	}
	if (error instanceof InstagramContainerError) {
		return {
			code: error.code,
			message:
				`Instagram could not process the image (container ${error.statusCode}` +
				(error.statusText ? `: ${error.statusText}` : '') +
				'). Use a public JPEG image; nothing was posted.',
		};
	}
	if (error instanceof InstagramContainerTimeoutError) {
		return {
			code: error.code,
			message:
				`Instagram was still processing the image after ${Math.round(error.waitedMs / 1000)} s ` +
				'and the post was given up, as Meta advises; nothing was posted.',
		};
	}
	if (error instanceof InstagramCaptionError) {
		return { code: error.code, message: `${error.message} Nothing was posted.` };
	}
	if (error instanceof MetaApiError) return graphFailure(error);
	if (error instanceof MetaUnreachableError) {
		return {
			code: error.code,
			message:
				`${error.message} ${error.description} The post may or may not exist: look at the ` +
				'Page before posting by hand.',
		};
	}
	if (error instanceof Error) {
		const code = (error as { code?: unknown }).code;
		return { code: typeof code === 'string' ? code : 'UNEXPECTED_ERROR', message: error.message };
	}
	return { code: 'UNEXPECTED_ERROR', message: String(error) };
}
