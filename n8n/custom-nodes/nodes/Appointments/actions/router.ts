import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runChosenOperation } from '../../../shared/run-items';
import { operations } from './index';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runChosenOperation.call(this, 'Appointments', operations);
}
