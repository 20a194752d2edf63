import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

// Google Calendar (a service account, or one user's OAuth refresh token) and the SMTP server the
// invites go out through. Tested by booking: Google has no cheap endpoint a generic request could
// probe with a service account's signed token.
export class SwitchboardAppointmentsApi implements ICredentialType {
	name = 'switchboardAppointmentsApi';

	displayName = 'Switchboard Appointments API';

	icon: Icon = {
		light: 'file:../icons/switchboard.svg',
		dark: 'file:../icons/switchboard.dark.svg',
	};

	documentationUrl = 'https://developers.google.com/workspace/calendar/api/guides/auth';

	properties: INodeProperties[] = [
		{
			displayName: 'Google Account',
			name: 'kind',
			type: 'options',
			options: [
				{
					name: 'Service Account',
					value: 'service_account',
					description: 'A Workspace service account the calendars are shared with',
				},
				{
					name: 'OAuth Refresh Token',
					value: 'oauth',
					description: "One Google user's consent, for any Google account",
				},
			],
			default: 'service_account',
		},
		{
			displayName: 'Client Email',
			name: 'clientEmail',
			type: 'string',
			default: '',
			placeholder: 'e.g. booking@project.iam.gserviceaccount.com',
			displayOptions: { show: { kind: ['service_account'] } },
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The private_key of the JSON key file',
			displayOptions: { show: { kind: ['service_account'] } },
		},
		{
			displayName: 'Act As User',
			name: 'subject',
			type: 'string',
			default: '',
			placeholder: 'e.g. bookings@example.com',
			description: 'With domain-wide delegation: the Workspace user to act as; empty for none',
			displayOptions: { show: { kind: ['service_account'] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			displayOptions: { show: { kind: ['oauth'] } },
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { kind: ['oauth'] } },
		},
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { kind: ['oauth'] } },
		},
		{
			displayName: 'Calendar API URL',
			name: 'apiUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:8793',
			description: "Empty for Google's; the local sandbox points it at the simulator",
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: '',
			description: "Empty for Google's OAuth token endpoint; the sandbox's simulator otherwise",
		},
		{
			displayName: 'SMTP URL',
			name: 'smtpUrl',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'e.g. smtps://user:password@smtp.example.com:465',
			description: 'Where the e-mail invites go out; empty sends none',
		},
		{
			displayName: 'Invites From (Name)',
			name: 'organizerName',
			type: 'string',
			default: '',
			placeholder: 'e.g. Northwind Fibre',
		},
		{
			displayName: 'Invites From (E-Mail)',
			name: 'organizerEmail',
			type: 'string',
			default: '',
			placeholder: 'e.g. bookings@example.com',
		},
	];
}
