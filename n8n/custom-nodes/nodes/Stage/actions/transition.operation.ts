import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { moveStage, STAGES, type Stage, type StageActor } from '@switchboard/glue/stages';
import { logStoreTransactionPoolFor } from '../../../shared/clients';
import { contactProperties } from './common.descriptions';
import { contactKey, transitionItem } from './helpers';

const capitalised = (stage: string) => stage.charAt(0).toUpperCase() + stage.slice(1);

const properties: INodeProperties[] = [
	...contactProperties,
	{
		displayName: 'To Stage',
		name: 'to',
		type: 'options',
		options: STAGES.map((stage) => ({ name: capitalised(stage), value: stage })),
		default: 'engaged',
		description: 'Where to move the contact; the lifecycle decides whether it may go there',
	},
	{
		displayName: 'Moved By',
		name: 'by',
		type: 'options',
		options: [
			{ name: 'Workflow', value: 'workflow', description: "An operator's workflow" },
			{ name: 'Rule', value: 'rule', description: 'An event, e.g. a booking moves it to booked' },
		],
		default: 'workflow',
		description: 'Who moved the contact, as the stage log records it',
	},
	{
		displayName: 'Why',
		name: 'why',
		type: 'string',
		default: '',
		placeholder: 'e.g. Booked an installation visit',
		description: 'A sentence for the stage log and the funnel dashboard',
	},
	{
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'number',
		default: 0,
		description: 'The Chatwoot conversation the move came from; 0 for none',
	},
];

export const resultField = 'stage';

export const description = updateDisplayOptions(
	{ show: { operation: ['transition'] } },
	properties,
);

/**
 * `{moved, stage, transition}`; the gateway then shows the stage in Chatwoot. Moving to the stage the contact is in is no move; a move
 * the lifecycle forbids fails (StageMoveError) and records nothing.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const key = contactKey(this, i);
	const conversationId = this.getNodeParameter('conversationId', i, 0) as number;
	const why = (this.getNodeParameter('why', i, '') as string).trim();
	const result = await moveStage(await logStoreTransactionPoolFor(this), {
		...key,
		to: this.getNodeParameter('to', i) as Stage,
		by: this.getNodeParameter('by', i) as StageActor,
		why: why || null,
		conversationId: conversationId > 0 ? conversationId : null,
	});
	return {
		moved: result.moved,
		stage: result.stage,
		transition: result.moved ? transitionItem(result.transition) : null,
	};
}
