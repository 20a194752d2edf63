import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';
import { runItems } from '../../shared/run-items';
import * as triage from './actions/triage.operation';

export class ClaudeTriage implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Claude Triage',
		name: 'claudeTriage',
		icon: { light: 'file:../../icons/claude.svg', dark: 'file:../../icons/claude.dark.svg' },
		group: ['transform'],
		version: 1,
		// The model is no longer a node parameter (it comes from the Claude credential).
		subtitle: 'intent, department, reply',
		description:
			"Read a customer's message with Claude: intent, department, urgency, language and a reply grounded in your content",
		defaults: { name: 'Claude Triage' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'switchboardClaudeApi', required: true }],
		properties: triage.description,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runItems.call(this, triage);
	}
}
