import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runChosenOperation } from '../../../shared/run-items';
import * as autoPost from './autoPost';
import * as facebook from './facebook';
import * as instagram from './instagram';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runChosenOperation.call(this, 'Social Publisher', {
		autoPost: autoPost.operations,
		facebook: facebook.operations,
		instagram: instagram.operations,
	});
}
