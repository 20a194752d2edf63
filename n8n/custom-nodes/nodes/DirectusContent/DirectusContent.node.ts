import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';
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
		credentials: [{ name: 'switchboardDirectusApi', required: true }],
		properties: content.description,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
