import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signChatwootWebhook } from '../../../simulators/src/chatwoot/signature.ts';
import { hmacSha256Hex } from '../common/hmac.ts';
import { verifyChatwootWebhook, type VerifyChatwootWebhookInput } from './signature.ts';

// Computed with: printf '%s' '1781708531.<body>' | openssl dgst -sha256 -hmac 'whsec-test'
const SECRET = 'whsec-test';
const TIMESTAMP = '1781708531';
const BODY = '{"event":"message_created","content":"olá"}';
const OPENSSL_HEX = '0f5083f337f3e5fe022b09cae0262b90053674fe355f5acdac672bcca60bde5e';
const AT = new Date(Number(TIMESTAMP) * 1000);

const input = (
	overrides: Partial<VerifyChatwootWebhookInput> = {},
): VerifyChatwootWebhookInput => ({
	secret: SECRET,
	rawBody: BODY,
	signatureHeader: `sha256=${OPENSSL_HEX}`,
	timestampHeader: TIMESTAMP,
	now: AT,
	...overrides,
});

describe('signature', () => {
	describe('verifyChatwootWebhook', () => {
		it('should accept a delivery signed over the timestamp and the raw body', () => {
			assert.deepEqual(verifyChatwootWebhook(input()), { ok: true, timestamp: Number(TIMESTAMP) });
		});

		it('should accept what the Chatwoot simulator signs, whether read as a string or as bytes', () => {
			const signatureHeader = signChatwootWebhook(SECRET, TIMESTAMP, Buffer.from(BODY, 'utf8'));
			assert.equal(verifyChatwootWebhook(input({ signatureHeader })).ok, true);
			const rawBody = Buffer.from(BODY, 'utf8');
			assert.equal(verifyChatwootWebhook(input({ signatureHeader, rawBody })).ok, true);
		});

		it('should reject a signature made with another secret', () => {
			const signatureHeader = signChatwootWebhook('another-secret', TIMESTAMP, BODY);
			assert.deepEqual(verifyChatwootWebhook(input({ signatureHeader })), {
				ok: false,
				reason: 'bad_signature',
			});
		});

		it('should reject a signature over the body alone (issue #13809)', () => {
			const signatureHeader = `sha256=${hmacSha256Hex(SECRET, BODY)}`;
			assert.deepEqual(verifyChatwootWebhook(input({ signatureHeader })), {
				ok: false,
				reason: 'bad_signature',
			});
		});

		it('should reject a non-ASCII body changed by one character', () => {
			const rawBody = BODY.replace('olá', 'ola');
			assert.deepEqual(verifyChatwootWebhook(input({ rawBody })), {
				ok: false,
				reason: 'bad_signature',
			});
		});

		it('should reject a body re-encoded as latin1, since only the exact bytes verify', () => {
			const rawBody = Buffer.from(BODY, 'latin1');
			assert.deepEqual(verifyChatwootWebhook(input({ rawBody })), {
				ok: false,
				reason: 'bad_signature',
			});
		});

		it('should reject a timestamp outside the tolerance, before or after now', () => {
			const later = new Date(AT.getTime() + 301_000);
			const earlier = new Date(AT.getTime() - 301_000);
			assert.deepEqual(verifyChatwootWebhook(input({ now: later })), {
				ok: false,
				reason: 'stale',
			});
			assert.deepEqual(verifyChatwootWebhook(input({ now: earlier })), {
				ok: false,
				reason: 'stale',
			});
			assert.equal(
				verifyChatwootWebhook(input({ now: new Date(AT.getTime() + 299_000) })).ok,
				true,
			);
			assert.equal(verifyChatwootWebhook(input({ now: later, toleranceSeconds: 600 })).ok, true);
		});

		it('should reject a delivery whose timestamp was changed to look fresh', () => {
			const now = new Date(AT.getTime() + 3600_000);
			const timestampHeader = String(Number(TIMESTAMP) + 3600);
			assert.deepEqual(verifyChatwootWebhook(input({ now, timestampHeader })), {
				ok: false,
				reason: 'bad_signature',
			});
		});

		it('should report missing when a header is absent or empty', () => {
			for (const overrides of [
				{ signatureHeader: undefined },
				{ timestampHeader: null },
				{ signatureHeader: '' },
			]) {
				assert.deepEqual(verifyChatwootWebhook(input(overrides)), { ok: false, reason: 'missing' });
			}
		});

		it('should report malformed for a signature without sha256= or a bad timestamp', () => {
			for (const overrides of [
				{ signatureHeader: OPENSSL_HEX },
				{ signatureHeader: `sha256=${OPENSSL_HEX.slice(1)}` },
				{ signatureHeader: 'sha256=zz' },
				{ timestampHeader: '2026-06-17T15:02:11Z' },
			]) {
				assert.deepEqual(verifyChatwootWebhook(input(overrides)), {
					ok: false,
					reason: 'malformed',
				});
			}
		});

		it('should throw when the secret or the raw body is missing, naming which', () => {
			assert.throws(() => verifyChatwootWebhook(input({ secret: '' })), /secret is required/);
			assert.throws(
				() => verifyChatwootWebhook(input({ rawBody: Buffer.alloc(0) })),
				/rawBody is required/,
			);
		});
	});
});
