import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class SwitchboardDirectusApi implements ICredentialType {
	name = 'switchboardDirectusApi';

	displayName = 'Switchboard Directus API';

	icon: Icon = { light: 'file:../icons/directus.svg', dark: 'file:../icons/directus.dark.svg' };

	documentationUrl = 'https://directus.io/docs/guides/auth/tokens-cookies';

	properties: INodeProperties[] = [
		{
			displayName: 'Directus URL',
			name: 'url',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://content.example.com',
			required: true,
		},
		{
			displayName: 'Static Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The static token of the read-only Automation user that the setup script created',
			required: true,
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.token}}' } },
	};

	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.url}}', url: '/users/me', method: 'GET' },
	};
}
