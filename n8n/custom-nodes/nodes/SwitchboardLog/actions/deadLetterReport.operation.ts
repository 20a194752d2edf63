import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { deadLetterReport, isReportHour, parseReportHour } from '@switchboard/glue/housekeeping';
import { contentReaderFor, logStorePoolFor, reportAddressesFor } from '../../../shared/clients';

const properties: INodeProperties[] = [
	{
		displayName: 'Only at Local Hour',
		name: 'localHour',
		type: 'string',
		default: '',
		placeholder: 'e.g. 7',
		description:
			"Build the report only in the run when the business's clock (the time zone in Directus's Business info) shows this hour, 0–23, so an hourly schedule sends it once a day; empty: every run",
	},
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

/**
 * The report of open dead letters (ids, counts and errors, never message text) with the addresses
 * of its e-mail; no item outside the chosen local hour.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const now = new Date();
	const hour = parseReportHour(String(this.getNodeParameter('localHour', i, '')));
	if (hour !== null) {
		const { timeZone } = await (await contentReaderFor(this)).businessInfo();
		if (!isReportHour(now, timeZone, hour)) return [];
	}
	const { to, from } = await reportAddressesFor(this);
	const pool = await logStorePoolFor(this);
	const report = await deadLetterReport(pool, {
		now,
		limit: this.getNodeParameter('limit', i) as number,
	});
	return [
		{
			to,
			from,
			generatedAt: report.generatedAt.toISOString(),
			open: report.open,
			lastDay: report.lastDay,
			subject: report.subject,
			text: report.text,
			letters: report.letters.map((letter) => ({
				...letter,
				receivedAt: letter.receivedAt.toISOString(),
			})),
		},
	];
}
