import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { signatureHeaders, signChatwootWebhook } from './signature.ts';

// The reference's agent-bot example, signed as Chatwoot would send it at TIMESTAMP. Computed with:
//   { printf '1781708531.'; cat message_created.incoming_whatsapp.json; } \
//     | openssl dgst -sha256 -hmac bot-secret-example
const EXAMPLE = readFileSync(
	new URL('./examples/message_created.incoming_whatsapp.json', import.meta.url),
);
const EXAMPLE_SECRET = 'bot-secret-example';
const TIMESTAMP = '1781708531';
const EXAMPLE_SIGNATURE = 'sha256=cb176881701a14678dbf8f74fd3eaee857ffcb4db1b2fe206bd17b5544669099';
// openssl dgst -sha256 -hmac bot-secret-example message_created.incoming_whatsapp.json
const BODY_ALONE = 'sha256=ab6fe77a1323c092223e1e2830daa4a81cba4273c3b086b6c73d898eb48066a0';

// printf '%s' '1781708531.<NON_ASCII>' | openssl dgst -sha256 -hmac whsec-sim
const NON_ASCII = '{"event":"message_created","content":"¿Tienen fibra en Mérida? 👍"}';
const NON_ASCII_SIGNATURE =
	'sha256=b58a1f1945124764d68cad2672f9d14bdd3c2bda89da34fad55ea8e21ca778a3';

describe('chatwoot signature', () => {
	describe('signChatwootWebhook', () => {
		it('should sign "<timestamp>.<raw body>" of the reference example as openssl does', () => {
			assert.equal(signChatwootWebhook(EXAMPLE_SECRET, TIMESTAMP, EXAMPLE), EXAMPLE_SIGNATURE);
		});

		it('should not be the signature of the body alone (chatwoot#13809)', () => {
			assert.notEqual(signChatwootWebhook(EXAMPLE_SECRET, TIMESTAMP, EXAMPLE), BODY_ALONE);
		});

		it('should sign the UTF-8 bytes when the body holds non-ASCII text', () => {
			assert.equal(signChatwootWebhook('whsec-sim', TIMESTAMP, NON_ASCII), NON_ASCII_SIGNATURE);
			assert.equal(
				signChatwootWebhook('whsec-sim', Number(TIMESTAMP), Buffer.from(NON_ASCII, 'utf8')),
				NON_ASCII_SIGNATURE,
			);
		});
	});

	describe('signatureHeaders', () => {
		it('should stamp whole Unix seconds and sign with that same timestamp', () => {
			const now = new Date(Number(TIMESTAMP) * 1000 + 999);
			assert.deepEqual(signatureHeaders('whsec-sim', NON_ASCII, now), {
				'X-Chatwoot-Timestamp': TIMESTAMP,
				'X-Chatwoot-Signature': NON_ASCII_SIGNATURE,
			});
		});
	});
});
