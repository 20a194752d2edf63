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
