import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signChatwootWebhook } from '../../../../simulators/src/chatwoot/signature.ts';
import { checkSignature, type SignatureCheckInput } from './signature-check.ts';

const now = new Date('2026-06-17T15:00:00.000Z');
const seconds = Math.floor(now.getTime() / 1000);
const body = Buffer.from('{"event":"message_created","content":"olá"}', 'utf8');

const input = (
	secret: string,
	overrides: Partial<SignatureCheckInput> = {},
): SignatureCheckInput => ({
	secrets: { agentBot: ['bot-secret-1', 'bot-secret-2'], account: ['account-secret'] },
	rawBody: body,
	timestamp: String(seconds),
	signature: signChatwootWebhook(secret, seconds, body),
	now,
	toleranceSeconds: 300,
	...overrides,
});

describe('signature-check', () => {
	describe('checkSignature', () => {
		it('should tell the agent bot from the account webhook by the secret that matched', () => {
			assert.deepEqual(checkSignature(input('bot-secret-2')), { ok: true, source: 'agent_bot' });
			assert.deepEqual(checkSignature(input('account-secret')), { ok: true, source: 'account' });
		});

		it('should call an unknown secret bad_signature', () => {
			assert.deepEqual(checkSignature(input('someone-else')), {
				ok: false,
				reason: 'bad_signature',
			});
		});

		it('should call a matching signature older than the window stale', () => {
			const old = seconds - 301;
			const stale = input('bot-secret-1', {
				timestamp: String(old),
				signature: signChatwootWebhook('bot-secret-1', old, body),
			});
			assert.deepEqual(checkSignature(stale), { ok: false, reason: 'stale' });
		});

		it('should call absent headers missing and garbage malformed', () => {
			assert.deepEqual(checkSignature(input('bot-secret-1', { signature: undefined })), {
				ok: false,
				reason: 'missing',
			});
			assert.deepEqual(checkSignature(input('bot-secret-1', { signature: 'md5=abc' })), {
				ok: false,
				reason: 'malformed',
			});
		});

		it('should refuse an empty body without throwing', () => {
			assert.deepEqual(checkSignature(input('bot-secret-1', { rawBody: Buffer.alloc(0) })), {
				ok: false,
				reason: 'bad_signature',
			});
		});
	});
});
