import { type INode, type JsonObject, NodeApiError, NodeOperationError } from 'n8n-workflow';
import { ChatwootApiError } from '@switchboard/glue/chatwoot';
import { RemoteError } from '@switchboard/glue/common';
import { MetaApiError } from '@switchboard/glue/meta';

/** The remote API's answer to show in n8n's error panel, or a message when it had none. */
function responseOf(error: Error, body: unknown): JsonObject {
	return body !== null && typeof body === 'object' && !Array.isArray(body)
		? (body as JsonObject)
		: { message: error.message };
}

/** What a remote system answered, or that it could not be reached; null for anything else. */
function remoteFailure(error: Error): { body: unknown; httpCode?: string } | null {
	if (!(error instanceof RemoteError)) return null;
	const httpCode = error.remoteStatus === null ? undefined : String(error.remoteStatus);
	if (error instanceof ChatwootApiError) return { body: error.body, httpCode };
	if (error instanceof MetaApiError) return { body: { error: error.graph }, httpCode };
	return { body: null, httpCode };
}

/**
 * Turns what the glue library threw into n8n's error types: a remote API's answer (or silence)
 * becomes a NodeApiError; bad input and configuration a NodeOperationError.
 */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex = itemIndex;
		return error;
	}
	const cause = error instanceof Error ? error : new Error(String(error));
	const code = (cause as { code?: unknown }).code;
	const description = typeof code === 'string' ? `Error code: ${code}` : undefined;
	const remote = remoteFailure(cause);
	if (remote) {
		return new NodeApiError(node, responseOf(cause, remote.body), {
			message: cause.message,
			description,
			httpCode: remote.httpCode,
			itemIndex,
		});
	}
	return new NodeOperationError(node, cause, { itemIndex, description });
}
