import type { ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';
import { ChatwootNotFoundError, createChatwootClient } from '@switchboard/glue/chatwoot';
import { testFailed, testPassed } from './credential-test-result';

/**
 * Bot tokens may only call the bot endpoints, so ask for a conversation that cannot exist:
 * "not found" means the token got past Chatwoot's authentication.
 */
export async function chatwootCredentialTest(
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	try {
		const client = createChatwootClient({
			baseUrl: String(data.url ?? '').replace(/\/+$/, ''),
			accessToken: String(data.accessToken ?? ''),
			accountId: Number(data.accountId),
			retries: 0,
		});
		await client.conversations.get(0);
		return testPassed();
	} catch (error) {
		if (error instanceof ChatwootNotFoundError) return testPassed();
		return testFailed(error);
	}
}
