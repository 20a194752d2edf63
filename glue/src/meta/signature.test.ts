import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hubSignature256, metaJson } from '../../../simulators/src/meta/webhook-signature.ts';
import { verifyMetaSignature } from './signature.ts';

// reference/meta/signature-test-body.json, byte for byte (491 bytes, non-ASCII pre-escaped by Meta).
const VECTOR_BODY = String.raw`{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],"messages":[{"from":"16505551234","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=","timestamp":"1749416383","type":"text","text":{"body":"Caf\u00e9 \ud83d\udc4d"}}]},"field":"messages"}]}]}`;
const VECTOR_SECRET = 'test_app_secret';
const VECTOR_HEADER = 'sha256=f36c508e13224497581a9a1bf4dc4c97e42f4b1194c8888783a6a0ed6257e3af';

describe('meta signature', () => {
	describe('reference test vector', () => {
		it('should hold the 491 bytes the reference describes', () => {
			assert.equal(Buffer.byteLength(VECTOR_BODY, 'utf8'), 491);
		});

		it('should verify the reference body and header when given as a Buffer or a string', () => {
			assert.equal(
				verifyMetaSignature(VECTOR_SECRET, Buffer.from(VECTOR_BODY), VECTOR_HEADER),
				true,
			);
			assert.equal(verifyMetaSignature(VECTOR_SECRET, VECTOR_BODY, VECTOR_HEADER), true);
		});

		it('should reject the reference header when the body was parsed and re-serialised', () => {
			const reserialised = JSON.stringify(JSON.parse(VECTOR_BODY));
			assert.notEqual(reserialised, VECTOR_BODY);
			assert.equal(verifyMetaSignature(VECTOR_SECRET, reserialised, VECTOR_HEADER), false);
		});
	});

	describe('verifyMetaSignature', () => {
		// Signed by the Meta simulator, an independent reading of the contract.
		const body = metaJson({ text: 'Olá, ça va? 👋', link: 'https://isp.example/a' });
		const header = hubSignature256('secret', body);

		it('should accept the signature when the body carries escaped non-ASCII text', () => {
			assert.equal(verifyMetaSignature('secret', body, header), true);
		});

		it('should accept a body with "/" escaped as "\\/" when it was signed that way', () => {
			const escaped = metaJson({ link: 'https://isp.example/a' }, { escapeSlashes: true });
			assert.equal(
				verifyMetaSignature('secret', escaped, hubSignature256('secret', escaped)),
				true,
			);
		});

		it('should accept upper-case hex when the rest matches', () => {
			assert.equal(
				verifyMetaSignature('secret', body, 'sha256=' + header.slice(7).toUpperCase()),
				true,
			);
		});

		it('should reject the signature when the secret is wrong', () => {
			assert.equal(verifyMetaSignature('other', body, header), false);
		});

		it('should reject when the body was changed by one byte', () => {
			assert.equal(verifyMetaSignature('secret', body.replace('Ol', 'ol'), header), false);
		});

		it('should return false when the header is missing or empty', () => {
			assert.equal(verifyMetaSignature('secret', body, undefined), false);
			assert.equal(verifyMetaSignature('secret', body, ''), false);
		});

		it('should return false when the prefix is wrong or the hex has the wrong length', () => {
			assert.equal(verifyMetaSignature('secret', body, header.replace('sha256=', 'sha1=')), false);
			assert.equal(verifyMetaSignature('secret', body, header.slice(7)), false);
			assert.equal(verifyMetaSignature('secret', body, header.slice(0, -1)), false);
			assert.equal(verifyMetaSignature('secret', body, header + '0'), false);
			assert.equal(verifyMetaSignature('secret', body, 'sha256=' + 'z'.repeat(64)), false);
		});

		it('should throw when the app secret is missing', () => {
			assert.throws(() => verifyMetaSignature('', body, header), /app secret is required/);
		});

		it('should throw when the raw body is missing', () => {
			assert.throws(
				() => verifyMetaSignature('secret', undefined as unknown as string, header),
				/raw request body/,
			);
		});
	});
});
