import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runChosenOperation } from '../../../shared/run-items';
import * as conversation from './conversation';
import * as message from './message';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runChosenOperation.call(this, 'Chatwoot', {
		message: message.operations,
		conversation: conversation.operations,
	});
}
