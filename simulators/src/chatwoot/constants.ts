// The default seed's ids and credentials, exported so scripts and tests can print or use them.

export const CHATWOOT_SIM_DEFAULT_PORT = 3000;

export const CHATWOOT_SIM_ACCOUNT_ID = 1;
export const CHATWOOT_SIM_ACCOUNT_NAME = 'Switchboard Demo';

/** The administrator's user access token (Profile → Access Token in a real install). */
export const CHATWOOT_SIM_USER_TOKEN = 'simAdminToken00000000001';
export const CHATWOOT_SIM_ADMIN_ID = 1;

export const CHATWOOT_SIM_BOT_ID = 1;
export const CHATWOOT_SIM_BOT_TOKEN = 'simBotToken0000000000001';
/** Signs the agent-bot webhooks (X-Chatwoot-Signature). */
export const CHATWOOT_SIM_BOT_SECRET = 'simBotSecret000000000001';

/** hub.verify_token Meta must send to GET /webhooks/whatsapp/:phone_number. */
export const CHATWOOT_SIM_WHATSAPP_VERIFY_TOKEN = 'switchboard-sim-verify-token';

export const CHATWOOT_SIM_INBOXES = {
	sales: { id: 1, name: 'Sales', phoneNumber: '+15550000001', phoneNumberId: '1555000000001' },
	support: { id: 2, name: 'Support', phoneNumber: '+15550000002', phoneNumberId: '1555000000002' },
	billing: { id: 3, name: 'Billing', phoneNumber: '+15550000003', phoneNumberId: '1555000000003' },
} as const;

/**
 * The business's Facebook page (Messenger) and Instagram account, each an inbox of one department.
 * Matched by channel and name: neither has a number (chatwoot/config/northwind-fibre.yaml).
 */
export const CHATWOOT_SIM_SOCIAL_INBOXES = {
	messenger: {
		id: 4,
		name: 'Northwind Fibre Messenger',
		channelType: 'facebook',
		department: 'support',
	},
	instagram: {
		id: 5,
		name: 'Northwind Fibre Instagram',
		channelType: 'instagram',
		department: 'sales',
	},
} as const;

export const CHATWOOT_SIM_TEAMS = {
	sales: { id: 1, name: 'sales' },
	support: { id: 2, name: 'support' },
	billing: { id: 3, name: 'billing' },
} as const;

/** One agent (role `agent`) per department, each a member of its team and its inbox. */
export const CHATWOOT_SIM_AGENTS = {
	sales: {
		id: 2,
		name: 'Sam Sales',
		email: 'sales@switchboard.test',
		token: 'simSalesToken00000000002',
	},
	support: {
		id: 3,
		name: 'Sue Support',
		email: 'support@switchboard.test',
		token: 'simSupportToken000000003',
	},
	billing: {
		id: 4,
		name: 'Bill Billing',
		email: 'billing@switchboard.test',
		token: 'simBillingToken000000004',
	},
} as const;

export type Department = keyof typeof CHATWOOT_SIM_INBOXES;
export const DEPARTMENTS: readonly Department[] = ['sales', 'support', 'billing'];
