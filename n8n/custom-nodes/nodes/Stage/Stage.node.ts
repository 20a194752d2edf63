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
import * as stage from './actions';
import { router } from './actions/router';

export class Stage implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stage',
		name: 'stage',
		icon: {
			light: 'file:../../icons/switchboard.svg',
			dark: 'file:../../icons/switchboard.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description:
			"Read or move a contact's lifecycle stage (new, engaged, qualified, booked, customer, lost); every move is logged, and the gateway shows it in Chatwoot",
		defaults: { name: 'Stage' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'switchboardPostgresApi', required: true, testedBy: 'switchboardPostgresApiTest' },
		],
		properties: stage.description,
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
