import type { ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';
import { checkLogStore } from '../../../glue/src/log-store/health.ts';
import { sharedLogStorePool, type LogStoreConnection } from '../../../glue/src/log-store/pool.ts';
import { testFailed, testPassed } from './credential-test-result';

/** Connects and checks that the Switchboard tables are there (their migrations have run). */
export async function postgresCredentialTest(
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	try {
		const pool = sharedLogStorePool((credential.data ?? {}) as unknown as LogStoreConnection);
		await checkLogStore(pool);
		return testPassed();
	} catch (error) {
		return testFailed(error);
	}
}
