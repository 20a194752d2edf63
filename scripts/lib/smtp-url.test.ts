import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mailAddressesFromEnv, smtpSecure, smtpUrlFromEnv } from './smtp-url.ts';

const server = (overrides: Record<string, string> = {}) => ({
	SMTP_ADDRESS: 'smtp.example.org',
	SMTP_PORT: '587',
	SMTP_USERNAME: 'bookings@example.org',
	SMTP_PASSWORD: 'p@ss word',
	SMTP_SECURE: '',
	...overrides,
});

describe('smtp-url', () => {
	describe('smtpUrlFromEnv', () => {
		it('should be undefined while SMTP_ADDRESS is empty (npm start then runs the sink)', () => {
			assert.equal(smtpUrlFromEnv({}), undefined);
			assert.equal(smtpUrlFromEnv(server({ SMTP_ADDRESS: ' ' })), undefined);
		});

		it('should build the URL nodemailer takes, with the login encoded', () => {
			assert.equal(
				smtpUrlFromEnv(server()),
				'smtp://bookings%40example.org:p%40ss%20word@smtp.example.org:587',
			);
		});

		it('should use implicit TLS on 465 and the default port 587 when empty', () => {
			assert.equal(
				smtpUrlFromEnv(server({ SMTP_PORT: '465', SMTP_USERNAME: '', SMTP_PASSWORD: '' })),
				'smtps://smtp.example.org:465',
			);
			assert.match(smtpUrlFromEnv(server({ SMTP_PORT: '' }))!, /:587$/);
		});

		it('should leave the login out when asked, for saying where mail goes', () => {
			assert.equal(smtpUrlFromEnv(server(), { withLogin: false }), 'smtp://smtp.example.org:587');
		});
	});

	describe('smtpSecure', () => {
		it('should follow SMTP_SECURE over the port', () => {
			assert.equal(smtpSecure(server({ SMTP_SECURE: 'TRUE' })), true);
			assert.equal(smtpSecure(server({ SMTP_PORT: '465', SMTP_SECURE: 'false' })), false);
		});
	});

	describe('mailAddressesFromEnv', () => {
		it('should send the report to operations and TikTok posts to marketing, each else the admin, from the stack sender, else the SMTP user', () => {
			const env = server({ SWITCHBOARD_ADMIN_EMAIL: 'admin@example.org' });
			assert.deepEqual(
				mailAddressesFromEnv({
					...env,
					SWITCHBOARD_OPERATIONS_EMAIL: 'ops@example.org',
					SWITCHBOARD_MARKETING_EMAIL: 'marketing@example.org',
					MAILER_SENDER_EMAIL: 'Shop <hello@example.org>',
				}),
				{
					operationsEmail: 'ops@example.org',
					marketingEmail: 'marketing@example.org',
					mailFrom: 'Shop <hello@example.org>',
				},
			);
			assert.deepEqual(mailAddressesFromEnv(env), {
				operationsEmail: 'admin@example.org',
				marketingEmail: 'admin@example.org',
				mailFrom: 'bookings@example.org',
			});
		});

		it('should fall back to the given sender (the local SMTP sink), and leave an unknown one empty', () => {
			assert.deepEqual(mailAddressesFromEnv({}, 'Switchboard <switchboard@example.com>'), {
				operationsEmail: '',
				marketingEmail: '',
				mailFrom: 'Switchboard <switchboard@example.com>',
			});
			assert.equal(mailAddressesFromEnv({}).mailFrom, '');
		});
	});
});
