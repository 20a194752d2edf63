import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { answerBookingMessage } from '@switchboard/glue/booking';
import { chatwootClientFor, claudeClientFor, contentReaderFor } from '../../../shared/clients';
import { readModelSettings } from '../../../shared/claude-settings';
import { conversationIdOf } from './common.descriptions';
import { bookingRuntimeFor } from './runtime';

const properties: INodeProperties[] = [
	{
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'number',
		default: 0,
		description: "The Chatwoot conversation; in workflow 01 the batch's conversation ID",
		required: true,
	},
	{
		displayName: "Customer's Message",
		name: 'text',
		type: 'string',
		default: "={{ $json.batch.messages.map((m) => m.content ?? '').join('\\n') }}",
		description: "What the customer wrote (a list choice arrives as the option's title)",
	},
	{
		displayName: 'Request',
		name: 'request',
		type: 'string',
		default: "={{ $json.triage?.appointment ?? '' }}",
		description:
			"What the triage read: book (a new appointment), change (move or cancel one), or empty when the customer answers the assistant's question",
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: "={{ $json.triage?.language ?? '' }}",
		placeholder: 'e.g. es',
	},
	{
		displayName: 'Department Key',
		name: 'department',
		type: 'string',
		default: "={{ $json.department?.key ?? '' }}",
		description: "Which department's service is booked; empty: a service of no department",
	},
];

export const resultField = 'booking';

export const description = updateDisplayOptions({ show: { operation: ['converse'] } }, properties);

/**
 * Answers one customer message in a booking chat and sends the answer: free times (a WhatsApp list
 * where the channel has one), the time zone question, the confirmation, a move or a cancellation.
 * `{outcome, appointmentId, messageIds}`.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const text = (name: string) => String(this.getNodeParameter(name, i, '') ?? '').trim();
	const result = await answerBookingMessage(
		{
			runtime: await bookingRuntimeFor(this),
			chatwoot: await chatwootClientFor(this),
			reader: await contentReaderFor(this),
			claude: await claudeClientFor(this),
			// The model that reads free-form answers (e.g. 'Tuesday afternoon'): the Claude credential's.
			model: (await readModelSettings(this)).model,
		},
		{
			conversationId: conversationIdOf(this, i),
			text: text('text'),
			request: text('request') || null,
			language: text('language') || null,
			department: text('department') || null,
		},
	);
	return { ...result };
}
