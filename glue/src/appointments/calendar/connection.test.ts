import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { calendarConnectionFromEnv } from './connection.ts';

describe('calendarConnectionFromEnv', () => {
	it('should be null when no Google account is configured (empty values count as unset)', () => {
		assert.equal(calendarConnectionFromEnv({ GOOGLE_CALENDAR_REFRESH_TOKEN: '' }), null);
	});

	it('should read an OAuth client and refresh token, with the simulator URLs', () => {
		assert.deepEqual(
			calendarConnectionFromEnv({
				GOOGLE_CALENDAR_CLIENT_ID: 'id',
				GOOGLE_CALENDAR_CLIENT_SECRET: 'secret',
				GOOGLE_CALENDAR_REFRESH_TOKEN: '1//token',
				GOOGLE_CALENDAR_API_URL: 'http://127.0.0.1:8793/',
				GOOGLE_OAUTH_TOKEN_URL: 'http://127.0.0.1:8793/token',
			}),
			{
				kind: 'oauth',
				clientId: 'id',
				clientSecret: 'secret',
				refreshToken: '1//token',
				apiUrl: 'http://127.0.0.1:8793/',
				tokenUrl: 'http://127.0.0.1:8793/token',
			},
		);
	});

	it('should name what is missing beside a refresh token', () => {
		assert.throws(
			() => calendarConnectionFromEnv({ GOOGLE_CALENDAR_REFRESH_TOKEN: '1//token' }),
			/GOOGLE_CALENDAR_CLIENT_ID and GOOGLE_CALENDAR_CLIENT_SECRET/,
		);
	});

	it('should read a service-account key file, and name a file that is not one', () => {
		const dir = mkdtempSync(join(tmpdir(), 'sb-gcal-'));
		const key = join(dir, 'key.json');
		writeFileSync(
			key,
			JSON.stringify({
				type: 'service_account',
				client_email: 'bot@p.iam.gserviceaccount.com',
				private_key: 'PEM',
			}),
		);
		assert.deepEqual(
			calendarConnectionFromEnv({
				GOOGLE_CALENDAR_SERVICE_ACCOUNT_FILE: key,
				GOOGLE_CALENDAR_SUBJECT: 'clinic@northwind.example',
			}),
			{
				kind: 'service_account',
				clientEmail: 'bot@p.iam.gserviceaccount.com',
				privateKey: 'PEM',
				subject: 'clinic@northwind.example',
				apiUrl: undefined,
				tokenUrl: undefined,
			},
		);
		writeFileSync(key, '{"client_email": "x"}');
		assert.throws(
			() => calendarConnectionFromEnv({ GOOGLE_CALENDAR_SERVICE_ACCOUNT_FILE: key }),
			/GOOGLE_CALENDAR_SERVICE_ACCOUNT_FILE .* is not a service-account JSON key/,
		);
	});
});
