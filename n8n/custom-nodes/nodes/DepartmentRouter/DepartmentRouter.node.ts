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
import * as routing from './actions';
import { router } from './actions/router';

export class DepartmentRouter implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Department Router',
		name: 'departmentRouter',
		icon: {
			light: 'file:../../icons/switchboard.svg',
			dark: 'file:../../icons/switchboard.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description:
			'Find the department a message reached, then decide: reply, hand off to its team, or transfer',
		defaults: { name: 'Department Router' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Postgres (optional): where the last good content and leads Directus cannot take now are kept.
		credentials: [
			{ name: 'switchboardDirectusApi', required: true },
			{ name: 'switchboardPostgresApi', required: false, testedBy: 'switchboardPostgresApiTest' },
		],
		properties: routing.description,
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
