import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runChosenOperation } from '../../../shared/run-items';
import * as facebook from './facebook';
import * as instagram from './instagram';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runChosenOperation.call(this, 'Social Publisher', {
		facebook: facebook.operations,
		instagram: instagram.operations,
	});
}
