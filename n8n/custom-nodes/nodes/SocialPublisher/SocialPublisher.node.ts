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
import * as autoPost from './actions/autoPost';
import * as facebook from './actions/facebook';
import * as instagram from './actions/instagram';
import { router } from './actions/router';

export class SocialPublisher implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Social Publisher',
		name: 'socialPublisher',
		icon: { light: 'file:../../icons/meta.svg', dark: 'file:../../icons/meta.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			"Post to the business's Facebook Page and Instagram account; auto-post promotions once per slot",
		defaults: { name: 'Social Publisher' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'switchboardMetaGraphApi',
				required: true,
				displayOptions: { hide: { operation: ['findDue', 'recordHandoff'] } },
			},
			{
				name: 'switchboardDirectusApi',
				required: true,
				displayOptions: { show: { resource: ['autoPost'] } },
			},
			{
				name: 'switchboardPostgresApi',
				required: true,
				testedBy: 'switchboardPostgresApiTest',
				displayOptions: { show: { resource: ['autoPost'] } },
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Auto-Post', value: 'autoPost' },
					{ name: 'Facebook Page', value: 'facebook' },
					{ name: 'Instagram', value: 'instagram' },
				],
				default: 'facebook',
			},
			...autoPost.description,
			...facebook.description,
			...instagram.description,
		],
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
