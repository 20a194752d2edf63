import Anthropic from '@anthropic-ai/sdk';

export interface ClaudeConnection {
	apiKey: string;
	/** Default https://api.anthropic.com; a proxy or our simulator otherwise. */
	baseUrl?: string;
	/** The SDK's retries on 408/409/429/5xx and connection errors; its default is 2. */
	maxRetries?: number;
}

/** The Anthropic SDK client every Claude caller in the library uses (triage, captions). */
export function createClaudeClient(connection: ClaudeConnection): Anthropic {
	if (!connection.apiKey) {
		throw new TypeError('[switchboard/claude] createClaudeClient: apiKey is required');
	}
	return new Anthropic({
		apiKey: connection.apiKey,
		baseURL: (connection.baseUrl || 'https://api.anthropic.com').replace(/\/+$/, ''),
		...(connection.maxRetries === undefined ? {} : { maxRetries: connection.maxRetries }),
	});
}
