/** Non-secret settings in .env that production needs before the first start (no defaults). */
export const requiredSettings = [
	'PUBLIC_DOMAIN',
	'PANGOLIN_PUBLIC_HOST',
	'CHATWOOT_PUBLIC_HOST',
	'N8N_PUBLIC_HOST',
	'DIRECTUS_PUBLIC_HOST',
	'GATEWAY_PUBLIC_HOST',
	'ACME_EMAIL',
	'SWITCHBOARD_ADMIN_EMAIL',
	'SWITCHBOARD_TIMEZONE',
] as const;
