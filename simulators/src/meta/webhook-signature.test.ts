import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hubSignature256, hubSignatureSha1, metaJson } from './webhook-signature.ts';

// reference/meta/signature-test-body.json byte for byte (491 bytes, non-ASCII escaped by Meta), and
// the headers published beside it in signature-test-vector.txt.
const VECTOR_BODY = String.raw`{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],"messages":[{"from":"16505551234","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=","timestamp":"1749416383","type":"text","text":{"body":"Caf\u00e9 \ud83d\udc4d"}}]},"field":"messages"}]}]}`;
const VECTOR_SECRET = 'test_app_secret';
const VECTOR_SHA256 = 'sha256=f36c508e13224497581a9a1bf4dc4c97e42f4b1194c8888783a6a0ed6257e3af';
const RESERIALISED_SHA256 =
	'sha256=0e5ec9bb62a6a4c882c2369faaf870ea037b79d0c015c488b2c1bb8b677397cc';
// openssl dgst -sha1 -hmac test_app_secret signature-test-body.json
const VECTOR_SHA1 = 'sha1=01ac4c9478099228ceae444c99d813ec5b884438';

describe('meta webhook-signature', () => {
	describe('reference test vector', () => {
		it('should hold the 491 bytes the reference describes', () => {
			assert.equal(Buffer.byteLength(VECTOR_BODY, 'utf8'), 491);
		});

		it('should sign the reference body to the published header, as a string or as bytes', () => {
			assert.equal(hubSignature256(VECTOR_SECRET, VECTOR_BODY), VECTOR_SHA256);
			assert.equal(hubSignature256(VECTOR_SECRET, Buffer.from(VECTOR_BODY)), VECTOR_SHA256);
		});

		it('should give the published mismatch when the body is parsed and re-serialised', () => {
			const reserialised = JSON.stringify(JSON.parse(VECTOR_BODY));
			assert.notEqual(reserialised, VECTOR_BODY);
			assert.equal(hubSignature256(VECTOR_SECRET, reserialised), RESERIALISED_SHA256);
		});

		it("should rebuild Meta's exact bytes when encoding the parsed reference body", () => {
			assert.equal(metaJson(JSON.parse(VECTOR_BODY)), VECTOR_BODY);
		});

		it('should sign the legacy X-Hub-Signature as openssl does', () => {
			assert.equal(hubSignatureSha1(VECTOR_SECRET, VECTOR_BODY), VECTOR_SHA1);
		});
	});

	describe('metaJson', () => {
		it("should escape accents and emoji as lower-case \\uXXXX, as Python's ensure_ascii does", () => {
			// python3 -c "import json; print(json.dumps({'text': 'Olá/ñ 👋 <a&b>'},
			//   ensure_ascii=True, separators=(',', ':')))"
			assert.equal(
				metaJson({ text: 'Olá/ñ 👋 <a&b>' }),
				String.raw`{"text":"Ol\u00e1/\u00f1 \ud83d\udc4b <a&b>"}`,
			);
		});

		it('should escape DEL, which a receiver re-escaping [^\\0-~] would otherwise change', () => {
			assert.equal(metaJson('a\u007fb'), String.raw`"a\u007fb"`);
		});

		it('should write every "/" as "\\/" only when escapeSlashes is on', () => {
			const value = { url: 'https://x.example/a', path: String.raw`C:\dir/` };
			assert.equal(metaJson(value), String.raw`{"url":"https://x.example/a","path":"C:\\dir/"}`);
			const escaped = metaJson(value, { escapeSlashes: true });
			assert.equal(escaped, String.raw`{"url":"https:\/\/x.example\/a","path":"C:\\dir\/"}`);
			assert.deepEqual(JSON.parse(escaped), value);
		});

		it('should parse back to the same value when the text is not ASCII', () => {
			const value = { name: 'José Ñúñez', text: 'olá 🌍 你好', n: 1.5, list: [null, true] };
			assert.deepEqual(JSON.parse(metaJson(value)), value);
			assert.match(metaJson(value), /^[\x20-\x7e]*$/);
		});

		it('should throw when the value has no JSON form', () => {
			assert.throws(() => metaJson(undefined), /no JSON form/);
		});
	});
});
