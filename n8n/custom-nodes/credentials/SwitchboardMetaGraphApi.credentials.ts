import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class SwitchboardMetaGraphApi implements ICredentialType {
	name = 'switchboardMetaGraphApi';

	displayName = 'Switchboard Meta Graph API';

	icon: Icon = { light: 'file:../icons/meta.svg', dark: 'file:../icons/meta.dark.svg' };

	documentationUrl = 'https://developers.facebook.com/docs/graph-api/overview';

	properties: INodeProperties[] = [
		{
			displayName: 'Page Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"A long-lived Page token with the Page's and its Instagram account's publish rights",
			required: true,
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'When set, every call carries appsecret_proof, as apps with "Require App Secret" need',
		},
		{
			displayName: 'Facebook Page ID',
			name: 'pageId',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Instagram Account ID',
			name: 'instagramAccountId',
			type: 'string',
			default: '',
			description: 'The Instagram professional account linked to the Page; leave empty for none',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: 'v23.0',
			placeholder: 'e.g. v23.0',
		},
		{
			displayName: 'Graph URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://graph.facebook.com',
			description: "Change only to use Switchboard's Meta simulator",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { qs: { access_token: '={{$credentials.accessToken}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '=/{{$credentials.apiVersion}}/{{$credentials.pageId}}',
			qs: { fields: 'id,name' },
			method: 'GET',
		},
	};
}
