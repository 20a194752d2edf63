// How we reach a Google calendar: a service account (Workspace; domain-wide delegation when
// `subject` names the user to act as) or one user's OAuth refresh token (any Google account).
// `apiUrl` and `tokenUrl` point the real client at the simulator; unset in production.
import { readFileSync } from 'node:fs';
import { z } from 'zod/v4';

const endpoints = {
	/** Root the API is served at; the client drops any path (reference §5.1). */
	apiUrl: z.url().optional(),
	/** Replaces https://oauth2.googleapis.com/token for both grants. */
	tokenUrl: z.url().optional(),
};

export const calendarConnectionSchema = z.discriminatedUnion('kind', [
	z.object({
		kind: z.literal('service_account'),
		clientEmail: z.string().min(1),
		privateKey: z.string().min(1),
		subject: z.string().min(1).optional(),
		...endpoints,
	}),
	z.object({
		kind: z.literal('oauth'),
		clientId: z.string().min(1),
		clientSecret: z.string().min(1),
		refreshToken: z.string().min(1),
		...endpoints,
	}),
]);
export type CalendarConnection = z.infer<typeof calendarConnectionSchema>;

const keyFile = z.object({ client_email: z.string().min(1), private_key: z.string().min(1) });

/**
 * The connection .env describes, or null when no Google account is configured. Throws naming the
 * variable when one is set but unusable.
 */
export function calendarConnectionFromEnv(
	env: Readonly<Record<string, string | undefined>> = process.env,
): CalendarConnection | null {
	const value = (name: string) => (env[name] ?? '').trim() || undefined;
	const common = {
		apiUrl: value('GOOGLE_CALENDAR_API_URL'),
		tokenUrl: value('GOOGLE_OAUTH_TOKEN_URL'),
	};
	const file = value('GOOGLE_CALENDAR_SERVICE_ACCOUNT_FILE');
	if (file) {
		let key: z.infer<typeof keyFile>;
		try {
			key = keyFile.parse(JSON.parse(readFileSync(file, 'utf8')));
		} catch (error) {
			throw new Error(
				`GOOGLE_CALENDAR_SERVICE_ACCOUNT_FILE (${file}) is not a service-account JSON key with client_email and private_key`,
				{ cause: error },
			);
		}
		return calendarConnectionSchema.parse({
			kind: 'service_account',
			clientEmail: key.client_email,
			privateKey: key.private_key,
			subject: value('GOOGLE_CALENDAR_SUBJECT'),
			...common,
		});
	}
	const refreshToken = value('GOOGLE_CALENDAR_REFRESH_TOKEN');
	if (!refreshToken) return null;
	const parsed = calendarConnectionSchema.safeParse({
		kind: 'oauth',
		clientId: value('GOOGLE_CALENDAR_CLIENT_ID'),
		clientSecret: value('GOOGLE_CALENDAR_CLIENT_SECRET'),
		refreshToken,
		...common,
	});
	if (!parsed.success) {
		throw new Error(
			'GOOGLE_CALENDAR_REFRESH_TOKEN is set: GOOGLE_CALENDAR_CLIENT_ID and GOOGLE_CALENDAR_CLIENT_SECRET must be too (and the URLs valid)',
		);
	}
	return parsed.data;
}
