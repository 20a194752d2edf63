import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	encodeMetaJson,
	signMetaPayload,
	signMetaPayloadSha1,
	verifyMetaSignature,
} from './signature.ts';

// reference/meta/signature-test-body.json, byte for byte (491 bytes, non-ASCII pre-escaped by Meta).
const VECTOR_BODY = String.raw`{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],"messages":[{"from":"16505551234","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=","timestamp":"1749416383","type":"text","text":{"body":"Caf\u00e9 \ud83d\udc4d"}}]},"field":"messages"}]}]}`;
const VECTOR_SECRET = 'test_app_secret';
const VECTOR_HEADER = 'sha256=f36c508e13224497581a9a1bf4dc4c97e42f4b1194c8888783a6a0ed6257e3af';
const RESERIALISED_HEADER =
	'sha256=0e5ec9bb62a6a4c882c2369faaf870ea037b79d0c015c488b2c1bb8b677397cc';

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

		it('should sign the reference body to the reference header', () => {
			assert.equal(signMetaPayload(VECTOR_SECRET, VECTOR_BODY), VECTOR_HEADER);
		});

		it('should give the classic-bug signature when the body is parsed and re-serialised', () => {
			const reserialised = JSON.stringify(JSON.parse(VECTOR_BODY));
			assert.notEqual(reserialised, VECTOR_BODY);
			assert.equal(signMetaPayload(VECTOR_SECRET, reserialised), RESERIALISED_HEADER);
			assert.equal(verifyMetaSignature(VECTOR_SECRET, reserialised, VECTOR_HEADER), false);
		});

		it('should rebuild the exact reference bytes when encoding the parsed body like Meta', () => {
			assert.equal(encodeMetaJson(JSON.parse(VECTOR_BODY)), VECTOR_BODY);
		});
	});

	describe('encodeMetaJson', () => {
		it('should escape accents and emoji as lower-case \\uXXXX when the text is not ASCII', () => {
			assert.equal(
				encodeMetaJson({ t: 'äöå 👍' }),
				String.raw`{"t":"\u00e4\u00f6\u00e5 \ud83d\udc4d"}`,
			);
		});

		it('should escape DEL too when a receiver re-escapes with [^\\0-~]', () => {
			assert.equal(encodeMetaJson('a\u007fb'), String.raw`"a\u007fb"`);
		});

		it('should leave ASCII, including "/" and "@", untouched by default', () => {
			assert.equal(encodeMetaJson({ u: 'https://x.example/a@b' }), '{"u":"https://x.example/a@b"}');
		});

		it('should write "/" as "\\/" when escapeSlashes is on', () => {
			assert.equal(encodeMetaJson({ u: 'a/b' }, { escapeSlashes: true }), String.raw`{"u":"a\/b"}`);
		});

		it('should parse back to the same value when the input has non-ASCII text', () => {
			const value = { name: 'José Ñúñez', text: 'olá 🌍 你好', n: 1 };
			assert.deepEqual(JSON.parse(encodeMetaJson(value)), value);
		});

		it('should throw when the value has no JSON form', () => {
			assert.throws(() => encodeMetaJson(undefined), /encodeMetaJson/);
		});
	});

	describe('signMetaPayload', () => {
		it('should sign the UTF-8 bytes when the body holds raw non-ASCII', () => {
			const body = '{"text":"Café"}';
			assert.equal(signMetaPayload('s', body), signMetaPayload('s', Buffer.from(body, 'utf8')));
			assert.match(signMetaPayload('s', body), /^sha256=[0-9a-f]{64}$/);
		});

		it('should throw naming the secret when the app secret is missing', () => {
			assert.throws(() => signMetaPayload('', 'x'), /app secret is required/);
		});

		it('should give a sha1= value for the legacy X-Hub-Signature header', () => {
			assert.match(signMetaPayloadSha1('s', 'body'), /^sha1=[0-9a-f]{40}$/);
		});
	});

	describe('verifyMetaSignature', () => {
		const body = encodeMetaJson({ text: 'Olá, ça va? 👋' });
		const header = signMetaPayload('secret', body);

		it('should accept the signature when the body carries escaped non-ASCII text', () => {
			assert.equal(verifyMetaSignature('secret', body, header), true);
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
