import type { INodeProperties } from 'n8n-workflow';

export const conversationIdProperty: INodeProperties = {
	displayName: 'Conversation ID',
	name: 'conversationId',
	type: 'number',
	default: 0,
	required: true,
	description: 'The number shown in the conversation URL (its display ID)',
	placeholder: 'e.g. 42',
};
