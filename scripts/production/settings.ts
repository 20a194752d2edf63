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
] as const;

/**
 * The gateway's public URL: production states only its host (GATEWAY_PUBLIC_HOST, which Pangolin
 * serves), and everything that needs the URL (Chatwoot's agent bot and account webhook, Meta's
 * callback) derives it here, so the two cannot disagree.
 */
export function gatewayPublicUrl(env: Record<string, string | undefined>): string {
	return `https://${env.GATEWAY_PUBLIC_HOST?.trim() || 'localhost'}`;
}

// RFC 2606's names for documentation: .env.example's values, never a real host or mailbox. Let's
// Encrypt refuses them, and a stack started with them would hand Chatwoot and Meta dead URLs.
const RESERVED_DOMAIN = /(^|[.@])(example\.(com|net|org)|[^.@\s]+\.(example|invalid|test))$/i;

/**
 * The required settings still holding a placeholder from .env.example, e.g. `chat.example.com`
 * or `admin@example.com`.
 *
 * @example
 * placeholderSettings({ CHATWOOT_PUBLIC_HOST: 'chat.example.com' }); // ['CHATWOOT_PUBLIC_HOST']
 */
export function placeholderSettings(env: Record<string, string | undefined>): string[] {
	return requiredSettings.filter((name) => RESERVED_DOMAIN.test(env[name]?.trim() ?? ''));
}
