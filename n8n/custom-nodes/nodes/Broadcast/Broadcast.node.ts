import {
	type ICredentialTestFunctions,
	type ICredentialsDecrypted,
	type IExecuteFunctions,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';
import { postgresCredentialTest } from '../../shared/postgres-credential-test';
import * as broadcast from './actions';
import { router } from './actions/router';

export class Broadcast implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Broadcast',
		name: 'broadcast',
		icon: {
			light: 'file:../../icons/switchboard.svg',
			dark: 'file:../../icons/switchboard.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description:
			'WhatsApp broadcasts: act on STOP and START before triage, tell agents which broadcast a customer answers, and report delivery counts to Directus',
		defaults: { name: 'Broadcast' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'switchboardDirectusApi', required: true },
			{ name: 'switchboardPostgresApi', required: true, testedBy: 'switchboardPostgresApiTest' },
		],
		properties: broadcast.description,
	};

	methods = {
		credentialTest: {
			async switchboardPostgresApiTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				return await postgresCredentialTest(credential);
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
