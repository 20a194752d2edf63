import type { INodeProperties } from 'n8n-workflow';
import * as claimBatch from './claimBatch.operation';
import * as completeBatch from './completeBatch.operation';
import * as getDecisions from './getDecisions.operation';
import * as logAction from './logAction.operation';
import * as logDecision from './logDecision.operation';

export const operations = {
	claimBatch: claimBatch.execute,
	completeBatch: completeBatch.execute,
	logDecision: logDecision.execute,
	logAction: logAction.execute,
	getDecisions: getDecisions.execute,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Claim Batch',
				value: 'claimBatch',
				action: 'Claim a gateway batch',
				description:
					"Take the gateway's messages for this execution, so a batch delivered twice is handled once",
			},
			{
				name: 'Complete Batch',
				value: 'completeBatch',
				action: 'Mark a claimed batch handled',
				description: 'Record that the claimed messages were answered or handed off',
			},
			{
				name: 'Get Decisions',
				value: 'getDecisions',
				action: 'Get the decisions of a conversation',
				description: 'Read back what the AI decided in a conversation, newest first',
			},
			{
				name: 'Log Action',
				value: 'logAction',
				action: 'Log an action on a conversation',
				description: 'Record a reply, note, hand-off, transfer, label or team change',
			},
			{
				name: 'Log Decision',
				value: 'logDecision',
				action: 'Log a triage decision',
				description: 'Record a triage: its output, model, tokens, cost, latency and outcome',
			},
		],
		default: 'logDecision',
	},
	...claimBatch.description,
	...completeBatch.description,
	...logDecision.description,
	...logAction.description,
	...getDecisions.description,
];
