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
import * as content from './actions';
import { router } from './actions/router';

export class DirectusContent implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Directus Content',
		name: 'directusContent',
		icon: { light: 'file:../../icons/directus.svg', dark: 'file:../../icons/directus.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description:
			'Read what marketing keeps in Directus: FAQ, live promotions, plans, business info and departments',
		defaults: { name: 'Directus Content' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Postgres (optional): where the last good content and leads Directus cannot take now are kept.
		credentials: [
			{ name: 'switchboardDirectusApi', required: true },
			{ name: 'switchboardPostgresApi', required: false, testedBy: 'switchboardPostgresApiTest' },
		],
		properties: content.description,
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
