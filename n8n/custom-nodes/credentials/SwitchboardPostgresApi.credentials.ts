import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

// Tested by the Switchboard Log node (testedBy): a database has no HTTP endpoint to probe.
export class SwitchboardPostgresApi implements ICredentialType {
	name = 'switchboardPostgresApi';

	displayName = 'Switchboard Postgres';

	icon: Icon = { light: 'file:../icons/postgres.svg', dark: 'file:../icons/postgres.dark.svg' };

	documentationUrl = 'https://www.postgresql.org/docs/current/libpq-connect.html';

	properties: INodeProperties[] = [
		{ displayName: 'Host', name: 'host', type: 'string', default: 'localhost', required: true },
		{ displayName: 'Port', name: 'port', type: 'number', default: 5432 },
		{
			displayName: 'Database',
			name: 'database',
			type: 'string',
			default: 'directus',
			description: "The database that holds Switchboard's sb_ tables (Directus's database)",
			required: true,
		},
		{ displayName: 'User', name: 'user', type: 'string', default: 'switchboard', required: true },
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'SSL',
			name: 'ssl',
			type: 'options',
			options: [
				{ name: 'Disable', value: 'disable' },
				{ name: 'Require', value: 'require', description: 'Encrypt; accept any certificate' },
				{ name: 'Verify', value: 'verify', description: 'Encrypt and check the certificate' },
			],
			default: 'disable',
		},
		// The stack's e-mail addresses: workflow 04's dead-letter report (about this store) and
		// workflow 02's TikTok posts. They are .env settings that first-start's n8n step writes here,
		// so no workflow holds an address.
		{
			displayName: 'Operations Email',
			name: 'operationsEmail',
			type: 'string',
			default: '',
			placeholder: 'e.g. operations@example.com',
			description:
				'Who gets the daily dead-letter report (SWITCHBOARD_OPERATIONS_EMAIL in .env; empty there: SWITCHBOARD_ADMIN_EMAIL)',
		},
		{
			displayName: 'Marketing Email',
			name: 'marketingEmail',
			type: 'string',
			default: '',
			placeholder: 'e.g. marketing@example.com',
			description:
				'Who gets the TikTok posts to publish by hand (SWITCHBOARD_MARKETING_EMAIL in .env; empty there: SWITCHBOARD_ADMIN_EMAIL)',
		},
		{
			displayName: 'Mail Sender',
			name: 'mailFrom',
			type: 'string',
			default: '',
			placeholder: 'e.g. Switchboard <switchboard@example.com>',
			description:
				"The From of the report and of the TikTok posts (MAILER_SENDER_EMAIL in .env, Chatwoot's sender too; empty there: SMTP_USERNAME)",
		},
	];
}
