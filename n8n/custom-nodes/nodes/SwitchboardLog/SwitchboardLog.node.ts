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
import * as decision from './actions';
import { router } from './actions/router';

export class SwitchboardLog implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Switchboard Log',
		name: 'switchboardLog',
		icon: { light: 'file:../../icons/postgres.svg', dark: 'file:../../icons/postgres.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description:
			'Record every AI decision and what was done about it, so each answer can be explained later',
		defaults: { name: 'Switchboard Log' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'switchboardPostgresApi', required: true, testedBy: 'switchboardPostgresApiTest' },
			// The business's time zone, for a report sent at a local hour.
			{
				name: 'switchboardDirectusApi',
				required: true,
				displayOptions: { show: { operation: ['deadLetterReport'] } },
			},
		],
		properties: decision.description,
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
