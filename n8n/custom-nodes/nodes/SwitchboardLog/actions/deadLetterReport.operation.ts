import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { deadLetterReport } from '@switchboard/glue/housekeeping';
import { logStorePoolFor } from '../../../shared/clients';

const properties: INodeProperties[] = [
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1000 },
		default: 50,
		description: 'Max number of results to return',
	},
];

export const resultField = 'report';

export const description = updateDisplayOptions(
	{ show: { operation: ['deadLetterReport'] } },
	properties,
);

/** The report of open dead letters (ids, counts and errors, never message text), for an e-mail. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const pool = await logStorePoolFor(this);
	const report = await deadLetterReport(pool, {
		now: new Date(),
		limit: this.getNodeParameter('limit', i) as number,
	});
	return {
		generatedAt: report.generatedAt.toISOString(),
		open: report.open,
		lastDay: report.lastDay,
		subject: report.subject,
		text: report.text,
		letters: report.letters.map((letter) => ({
			...letter,
			receivedAt: letter.receivedAt.toISOString(),
		})),
	};
}
