import type { INodeProperties } from 'n8n-workflow';
import { resultFieldOption } from '../../../shared/run-items';

export const conversationIdProperty: INodeProperties = {
	displayName: 'Conversation ID',
	name: 'conversationId',
	type: 'number',
	default: 0,
	required: true,
	description: 'The number shown in the conversation URL (its display ID)',
	placeholder: 'e.g. 42',
};

export const optionsWithResultField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [resultFieldOption('chatwoot')],
};
