import type { INodeProperties } from 'n8n-workflow';
import * as claimTriage from './claimTriage.operation';
import * as completeTriage from './completeTriage.operation';
import * as deadLetterReport from './deadLetterReport.operation';
import * as getDecisions from './getDecisions.operation';
import * as logAction from './logAction.operation';
import * as logDecision from './logDecision.operation';
import * as replayDeadLetters from './replayDeadLetters.operation';

export const operations = {
	claimTriage,
	completeTriage,
	logDecision,
	logAction,
	getDecisions,
	deadLetterReport,
	replayDeadLetters,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Claim Batch for Triage',
				value: 'claimTriage',
				action: 'Claim a gateway batch for triage',
				description:
					"Take the batch's inbound events for this execution, so a batch delivered twice is triaged once",
			},
			{
				name: 'Complete Triage',
				value: 'completeTriage',
				action: 'Complete the triage of a claimed batch',
				description: 'Record that the claimed inbound events were answered or handed off',
			},
			{
				name: 'Dead-Letter Report',
				value: 'deadLetterReport',
				action: 'Report the open dead letters',
				description:
					'List what the gateway gave up forwarding and nobody replayed yet, with a subject and text for an e-mail',
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
			{
				name: 'Replay Dead Letters',
				value: 'replayDeadLetters',
				action: 'Replay dead letters',
				description: 'Send dead letters to the automation again, once the cause is fixed',
			},
		],
		default: 'logDecision',
	},
	...claimTriage.description,
	...completeTriage.description,
	...logDecision.description,
	...logAction.description,
	...getDecisions.description,
	...deadLetterReport.description,
	...replayDeadLetters.description,
];
