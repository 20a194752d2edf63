import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class SwitchboardClaudeApi implements ICredentialType {
	name = 'switchboardClaudeApi';

	displayName = 'Switchboard Claude API';

	icon: Icon = { light: 'file:../icons/claude.svg', dark: 'file:../icons/claude.dark.svg' };

	documentationUrl = 'https://docs.anthropic.com/en/api/overview';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.anthropic.com',
			description: "Change only to use a proxy or Switchboard's Anthropic simulator",
		},
		// Model and prices live here, not on the nodes: the stack writes them from .env
		// (ANTHROPIC_MODEL, ANTHROPIC_PRICE_*), so a workflow JSON never names a model.
		{
			displayName: 'Model',
			name: 'model',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. claude-sonnet-4-5',
			description: 'The Claude model ID every Switchboard node calls (ANTHROPIC_MODEL in .env)',
		},
		{
			displayName: 'Input Price (USD per Million Tokens)',
			name: 'priceInput',
			type: 'number',
			typeOptions: { numberPrecision: 4 },
			default: 0,
			description: "The model's prices, so each decision's cost is logged (ANTHROPIC_PRICE_INPUT)",
		},
		{
			displayName: 'Output Price (USD per Million Tokens)',
			name: 'priceOutput',
			type: 'number',
			typeOptions: { numberPrecision: 4 },
			default: 0,
		},
		{
			displayName: 'Cache Write Price (USD per Million Tokens)',
			name: 'priceCacheWrite',
			type: 'number',
			typeOptions: { numberPrecision: 4 },
			default: 0,
		},
		{
			displayName: 'Cache Read Price (USD per Million Tokens)',
			name: 'priceCacheRead',
			type: 'number',
			typeOptions: { numberPrecision: 4 },
			default: 0,
		},
	];

	// SDK 1.x authenticates with a bearer token and the API accepts it as well as x-api-key.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
				'anthropic-version': '2023-06-01',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/v1/models', method: 'GET' },
	};
}
