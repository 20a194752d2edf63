// One mail server, one set of variables: SMTP_ADDRESS, SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD and
// SMTP_SECURE (Chatwoot's names, which compose passes to it). The smtp:// URL nodemailer takes (the
// appointment invites) is derived from them, locally and in production alike.

export const SMTP_PORT_DEFAULT = '587';

type Env = Record<string, string | undefined>;

const value = (env: Env, name: string) => env[name]?.trim() ?? '';

/** Implicit TLS on 465, STARTTLS elsewhere, unless SMTP_SECURE says otherwise. */
export function smtpSecure(env: Env): boolean {
	const secure = value(env, 'SMTP_SECURE').toLowerCase();
	if (secure) return secure === 'true';
	return (value(env, 'SMTP_PORT') || SMTP_PORT_DEFAULT) === '465';
}

/**
 * smtps:// or smtp:// with the server, port and login; undefined while SMTP_ADDRESS is empty.
 * `withLogin: false` leaves the user and password out, for saying where mail goes.
 */
export function smtpUrlFromEnv(
	env: Env,
	options: { withLogin?: boolean } = {},
): string | undefined {
	const host = value(env, 'SMTP_ADDRESS');
	if (!host) return undefined;
	const url = new URL(smtpSecure(env) ? 'smtps://localhost' : 'smtp://localhost');
	url.hostname = host;
	url.port = value(env, 'SMTP_PORT') || SMTP_PORT_DEFAULT;
	if (options.withLogin ?? true) {
		url.username = value(env, 'SMTP_USERNAME');
		url.password = value(env, 'SMTP_PASSWORD');
	}
	return url.toString();
}

/**
 * The addresses n8n's workflows mail with, which they read from the Switchboard log credential:
 * the daily dead-letter report's recipient (workflow 04), SWITCHBOARD_OPERATIONS_EMAIL; marketing,
 * who gets TikTok posts to publish by hand (workflow 02), SWITCHBOARD_MARKETING_EMAIL (each else
 * the admin's login); and the stack's one sender, MAILER_SENDER_EMAIL (Chatwoot's too; else the
 * SMTP user, else `fallbackFrom`). An empty address makes its mail fail saying which variable to set.
 */
export function mailAddressesFromEnv(
	env: Env,
	fallbackFrom = '',
): { operationsEmail: string; marketingEmail: string; mailFrom: string } {
	const admin = value(env, 'SWITCHBOARD_ADMIN_EMAIL');
	return {
		operationsEmail: value(env, 'SWITCHBOARD_OPERATIONS_EMAIL') || admin,
		marketingEmail: value(env, 'SWITCHBOARD_MARKETING_EMAIL') || admin,
		mailFrom: value(env, 'MAILER_SENDER_EMAIL') || value(env, 'SMTP_USERNAME') || fallbackFrom,
	};
}
