import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { messageText, triageItem } from '@switchboard/glue/pipeline';
import { parseTriageConfig, triage } from '@switchboard/glue/triage';
import { readModelSettings } from '../../../shared/claude-settings';
import { claudeClientFor } from '../../../shared/clients';

interface TriageOptions {
	maxTokens?: number;
	timeoutMs?: number;
	maxRetries?: number;
	historyLimit?: number;
	agentLanguage?: string;
}

export const resultField = 'triage';

export const description: INodeProperties[] = [
	{
		displayName: 'New Messages',
		name: 'newMessages',
		type: 'json',
		default: '={{ $json.batch.messages }}',
		required: true,
		description:
			'The customer\'s new message, or a list of them (a batch answered as one turn): texts, e.g. ["Hi", "how much is fibre?"], or the gateway batch\'s messages, whose attachments Claude then reads as a description of what was sent',
	},
	{
		displayName: 'Knowledge',
		name: 'knowledge',
		type: 'json',
		default: '={{ $json.knowledge }}',
		required: true,
		description:
			"The receiving department's content as the Directus Content node's Get Knowledge Bundle returns it",
	},
	{
		displayName: 'Departments',
		name: 'departments',
		type: 'json',
		default: '={{ $json.knowledge.departments }}',
		description:
			'Every department (key, name, keywords), so Claude can say a message belongs elsewhere',
	},
	{
		displayName: 'History',
		name: 'history',
		type: 'json',
		default: '={{ $json.history }}',
		description:
			'Earlier messages, oldest first, each {"role": "customer" | "agent" | "bot", "text": "…"}',
	},
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'string',
		default: 'whatsapp',
		description: 'Where the reply goes; Claude formats it for that channel',
	},
	{
		displayName: "Customer's Stage",
		name: 'stage',
		type: 'string',
		default: "={{ $json.stage?.stage ?? '' }}",
		placeholder: 'e.g. engaged',
		description:
			"The contact's lifecycle stage (the Stage node's Get): Claude follows that stage's instructions from Directus. Empty: none.",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Agent Language',
				name: 'agentLanguage',
				type: 'string',
				default: 'en',
				description: 'Language of the summary and hand-off reason, which agents read',
			},
			{
				displayName: 'History Limit',
				name: 'historyLimit',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 200 },
				default: 20,
				description: 'How many earlier messages Claude sees',
			},
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10 },
				default: 2,
				description: 'Retries on rate limits and overload before the keyword fallback takes over',
			},
			{
				displayName: 'Max Tokens',
				name: 'maxTokens',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1024,
			},
			{
				displayName: 'Timeout (Ms)',
				name: 'timeoutMs',
				type: 'number',
				typeOptions: { minValue: 1000 },
				default: 30000,
				description: 'Per attempt',
			},
		],
	},
];

const asList = (value: unknown): unknown[] =>
	value === undefined || value === null || value === ''
		? []
		: Array.isArray(value)
			? value
			: [value];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const options = this.getNodeParameter('options', i, {}) as TriageOptions;
	const config = parseTriageConfig({ ...(await readModelSettings(this)), ...options });
	const client = await claudeClientFor(this, { maxRetries: options.maxRetries ?? 2 });
	const result = await triage(
		{
			bundle: this.getNodeParameter('knowledge', i, undefined, { ensureType: 'json' }),
			departments: asList(this.getNodeParameter('departments', i, [])),
			history: asList(this.getNodeParameter('history', i, [])),
			newMessages: asList(this.getNodeParameter('newMessages', i)).map(messageText),
			channel: this.getNodeParameter('channel', i) as string,
			stage: (this.getNodeParameter('stage', i, '') as string).trim() || undefined,
		},
		{ client, config, now: Date.now },
	);
	return triageItem(result) as unknown as IDataObject;
}
