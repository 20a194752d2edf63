import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';
import * as template from './actions';
import { router } from './actions/router';

export class Template implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Message Template',
		name: 'template',
		icon: { light: 'file:../../icons/directus.svg', dark: 'file:../../icons/directus.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description:
			"Fill in a message template marketing keeps in Directus, in the contact's language, for your own workflows",
		defaults: { name: 'Message Template' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'switchboardDirectusApi', required: true }],
		properties: template.description,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
