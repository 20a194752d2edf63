import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	NodeOperationError,
	updateDisplayOptions,
} from 'n8n-workflow';
import { applyTriageProposal, isStage } from '@switchboard/glue/stages';
import { logStoreTransactionPoolFor } from '../../../shared/clients';
import { contactProperties } from './common.descriptions';
import { contactKey, transitionItem } from './helpers';

const properties: INodeProperties[] = [
	...contactProperties,
	{
		displayName: 'Triage',
		name: 'triage',
		type: 'json',
		default: '={{ $json.triage }}',
		required: true,
		description: "The Claude Triage node's triage: its stage, confidence and source",
	},
	{
		displayName: 'Confidence Threshold',
		name: 'threshold',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
		default: 0.8,
		description:
			"The department's confidence threshold (the Department Router's confidenceThreshold): a proposal below it moves nothing",
	},
	{
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'number',
		default: 0,
		description: 'The Chatwoot conversation triaged; 0 for none',
	},
];

export const resultField = 'stageMove';

export const description = updateDisplayOptions(
	{ show: { operation: ['applyTriage'] } },
	properties,
);

interface TriageFields {
	stage?: unknown;
	confidence?: unknown;
	source?: unknown;
}

/**
 * `{moved, stage, decision, transition}`: `decision.reason` says why nothing moved
 * (below_threshold, backward, …). A contact seen for the first time is recorded as `new`.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const triage = this.getNodeParameter('triage', i, {}, { ensureType: 'json' }) as TriageFields;
	if (typeof triage !== 'object' || triage === null) {
		throw new NodeOperationError(this.getNode(), "Triage must be the Claude Triage node's triage", {
			itemIndex: i,
		});
	}
	const key = contactKey(this, i);
	if (key.contactId === 0) {
		const why = 'the message names no contact';
		return { moved: false, stage: null, decision: { move: false, reason: 'no_contact', why } };
	}
	const conversationId = this.getNodeParameter('conversationId', i, 0) as number;
	const result = await applyTriageProposal(await logStoreTransactionPoolFor(this), {
		...key,
		conversationId: conversationId > 0 ? conversationId : null,
		proposed: isStage(triage.stage) ? triage.stage : null,
		confidence: typeof triage.confidence === 'number' ? triage.confidence : 0,
		threshold: this.getNodeParameter('threshold', i) as number,
		source: triage.source === 'claude' ? 'claude' : 'fallback',
	});
	const moved = result.transition !== null;
	return {
		moved,
		stage: result.stage,
		decision: { ...result.decision },
		transition: transitionItem(result.transition),
	};
}
