import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	NodeOperationError,
	updateDisplayOptions,
} from 'n8n-workflow';
import { CHANNEL_KINDS, renderMessage, type ChannelKind } from '@switchboard/glue/templates';
import { contentReaderFor } from '../../../shared/clients';
import { resultFieldOption } from '../../../shared/run-items';

interface RenderOptions {
	channel?: ChannelKind | '';
	departmentKey?: string;
	locale?: string;
	timeZone?: string;
	resultField?: string;
}

const properties: INodeProperties[] = [
	{
		displayName: 'Template Key',
		name: 'key',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. out_of_hours',
		description: 'The key of the message template in Directus',
	},
	{
		displayName: 'Contact Name',
		name: 'contactName',
		type: 'string',
		default: '={{ $json.contact?.name ?? "" }}',
		description: 'Fills contact.name and contact.first_name; empty uses the fallback text',
	},
	{
		displayName: 'Contact Phone',
		name: 'contactPhone',
		type: 'string',
		default: '={{ $json.contact?.phone ?? "" }}',
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: '={{ $json.contact?.language ?? "" }}',
		placeholder: 'e.g. es-MX',
		description:
			"The contact's language: picks the template's translation and formats dates and prices; empty uses the business's primary one",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Channel',
				name: 'channel',
				type: 'options',
				default: '',
				options: [
					{ name: 'Any', value: '' },
					...CHANNEL_KINDS.map((kind) => ({ name: channelName(kind), value: kind })),
				],
				description: 'Only a template written for this channel',
			},
			{
				displayName: 'Department Key',
				name: 'departmentKey',
				type: 'string',
				default: '',
				placeholder: 'e.g. sales',
				description: 'Fills the department variables (name, hours, next opening)',
			},
			{
				displayName: 'Time Zone',
				name: 'timeZone',
				type: 'string',
				default: '',
				placeholder: 'e.g. America/New_York',
				description: "Where times are shown; empty uses the business's",
			},
			resultFieldOption('message'),
		],
	},
];

function channelName(kind: string): string {
	return kind.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

export const resultField = 'message';

export const description = updateDisplayOptions({ show: { operation: ['render'] } }, properties);

const text = (value: unknown) =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/** The rendered message: text (and subject, or the WhatsApp template send), and what used fallbacks. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const key = (this.getNodeParameter('key', i) as string).trim();
	const language = text(this.getNodeParameter('language', i, ''));
	const options = this.getNodeParameter('options', i, {}) as RenderOptions;
	const reader = await contentReaderFor(this);
	const channel = options.channel || undefined;
	const template = await reader.messageTemplate(key, language, channel ? { channel } : {});
	if (!template) {
		throw new NodeOperationError(
			this.getNode(),
			`No published message template "${key}"${channel ? ` for ${channel}` : ''} in Directus`,
			{
				itemIndex: i,
				description: 'Check the key in Directus → Message templates, and that it is published',
			},
		);
	}
	const business = await reader.businessInfo();
	const departmentKey = text(options.departmentKey);
	const department = departmentKey
		? ((await reader.departments()).find((d) => d.key === departmentKey) ?? null)
		: null;
	if (departmentKey && !department) {
		throw new NodeOperationError(this.getNode(), `No department "${departmentKey}" in Directus`, {
			itemIndex: i,
		});
	}
	const rendered = renderMessage(template, {
		locale: language ?? template.language,
		timeZone: text(options.timeZone) ?? business.timeZone,
		now: new Date(),
		contact: {
			name: text(this.getNodeParameter('contactName', i, '')),
			phone: text(this.getNodeParameter('contactPhone', i, '')),
			language,
		},
		business,
		department,
	});
	return rendered as unknown as IDataObject;
}
