import type { INodeProperties } from 'n8n-workflow';
import * as decideRoute from './decideRoute.operation';
import * as resolveDepartment from './resolveDepartment.operation';

export const operations = {
	resolveDepartment,
	decideRoute,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Decide Route',
				value: 'decideRoute',
				action: 'Decide what to do with a triaged message',
				description:
					'Reply when confident, hand off to the team otherwise, or transfer to the department it belongs to',
			},
			{
				name: 'Resolve Department',
				value: 'resolveDepartment',
				action: 'Find the department that received a message',
				description:
					'By inbox, WhatsApp number or phone-number ID; adds the department and whether it is open',
			},
		],
		default: 'resolveDepartment',
	},
	...resolveDepartment.description,
	...decideRoute.description,
];
