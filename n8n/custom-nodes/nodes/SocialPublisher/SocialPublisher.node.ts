import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';
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
		description: "Post to the business's Facebook Page and Instagram account",
		defaults: { name: 'Social Publisher' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'switchboardMetaGraphApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Facebook Page', value: 'facebook' },
					{ name: 'Instagram', value: 'instagram' },
				],
				default: 'facebook',
			},
			...facebook.description,
			...instagram.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
