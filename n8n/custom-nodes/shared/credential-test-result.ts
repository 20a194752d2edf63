import type { INodeCredentialTestResult } from 'n8n-workflow';

export const testPassed = (): INodeCredentialTestResult => ({
	status: 'OK',
	message: 'Connection successful',
});

export const testFailed = (error: unknown): INodeCredentialTestResult => ({
	status: 'Error',
	message: error instanceof Error ? error.message : String(error),
});
