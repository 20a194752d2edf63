import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';
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
		credentials: [{ name: 'switchboardDirectusApi', required: true }],
		properties: routing.description,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
