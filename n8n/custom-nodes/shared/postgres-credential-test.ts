import type { ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';
import {
	checkLogStore,
	createLogStorePool,
	type LogStoreConnection,
} from '@switchboard/glue/log-store';
import { testFailed, testPassed } from './credential-test-result';

/** Connects and checks that the Switchboard tables are there (their migrations have run). */
export async function postgresCredentialTest(
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	// Its own pool, ended after: a credential being edited must not leave a pool per attempt behind.
	const pool = createLogStorePool((credential.data ?? {}) as unknown as LogStoreConnection);
	try {
		await checkLogStore(pool);
		return testPassed();
	} catch (error) {
		return testFailed(error);
	} finally {
		await pool.end();
	}
}
