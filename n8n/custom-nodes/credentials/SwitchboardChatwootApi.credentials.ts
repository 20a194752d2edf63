import type { IAuthenticateGeneric, Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

// Tested by the Chatwoot node (testedBy): an agent-bot token may only call the bot endpoints, so
// no plain GET request can tell a good bot token from a bad one.
export class SwitchboardChatwootApi implements ICredentialType {
	name = 'switchboardChatwootApi';

	displayName = 'Switchboard Chatwoot API';

	icon: Icon = { light: 'file:../icons/chatwoot.svg', dark: 'file:../icons/chatwoot.dark.svg' };

	documentationUrl = 'https://developers.chatwoot.com/api-reference/introduction';

	properties: INodeProperties[] = [
		{
			displayName: 'Chatwoot URL',
			name: 'url',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://chat.example.com',
			description: 'Where Chatwoot runs, without /api',
			required: true,
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"The agent bot's access token (Settings → Bots), so replies come from the bot; a user token also works",
			required: true,
		},
		{
			displayName: 'Account ID',
			name: 'accountId',
			type: 'number',
			default: 1,
			description: 'The number after /app/accounts/ in Chatwoot URLs',
			required: true,
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		// The dashed form: nginx drops headers with underscores by default.
		properties: { headers: { 'Api-Access-Token': '={{$credentials.accessToken}}' } },
	};
}
