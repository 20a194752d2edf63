import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';
import { runItems } from '../../shared/run-items';
import * as write from './actions/write.operation';

export class CaptionWriter implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Caption Writer',
		name: 'captionWriter',
		icon: { light: 'file:../../icons/claude.svg', dark: 'file:../../icons/claude.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["platforms"].join(", ")}}',
		description:
			"Write a promotion's caption for each social platform with Claude, in your tone of voice and within each platform's limits",
		defaults: { name: 'Caption Writer' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'switchboardClaudeApi', required: true }],
		properties: write.description,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runItems.call(this, write);
	}
}
