import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
	cleanText,
	isInboundCustomerMessage,
	missingInboundFields,
	readInboundMessage,
	type InboundMessage,
} from './inbound-message.ts';

const example = (): Record<string, unknown> =>
	JSON.parse(
		readFileSync(
			new URL(
				'../../../simulators/src/chatwoot/examples/message_created.incoming_with_attachment.json',
				import.meta.url,
			),
			'utf8',
		),
	) as Record<string, unknown>;

const read = (body: unknown): InboundMessage => {
	const result = readInboundMessage(body);
	assert.ok(result.ok, result.ok ? '' : result.issues.join('; '));
	return result.message;
};

const ownKeys = (value: unknown): string[] =>
	value !== null && typeof value === 'object'
		? Object.entries(value).flatMap(([key, inner]) => [key, ...ownKeys(inner)])
		: [];

describe('inbound-message', () => {
	describe('readInboundMessage', () => {
		it('should keep what the bot uses, in Chatwoot names, and no other key', () => {
			const body = example();
			const odd = JSON.parse('{"toString":"x","constructor":"y","__proto__":{"p":1}}') as object;
			const conversation = body.conversation as Record<string, unknown>;
			conversation.custom_attributes = odd;
			Object.assign(body, odd);
			const message = read(body);
			assert.equal(message.conversation.id, conversation.id);
			assert.equal(message.sender?.type, 'contact');
			assert.equal(message.attachments[0]?.file_type, 'image');
			const keys = ownKeys(message);
			for (const name of ['toString', 'constructor', '__proto__', 'custom_attributes', 'meta']) {
				assert.ok(!keys.includes(name), name);
			}
		});

		it('should name the field of a present but nonsensical id', () => {
			const body = example();
			(body.conversation as Record<string, unknown>).id = -4;
			body.id = 1.5;
			assert.deepEqual(readInboundMessage(body), {
				ok: false,
				issues: ['id: must be a positive integer', 'conversation.id: must be a positive integer'],
			});
		});

		it('should read a missing or empty id as null and a numeric string as the number', () => {
			const body = example();
			body.id = '';
			body.inbox = '1';
			(body.conversation as Record<string, unknown>).id = '77';
			const message = read(body);
			assert.equal(message.id, null);
			assert.equal(message.inbox.id, null);
			assert.equal(message.conversation.id, 77);
			assert.deepEqual(missingInboundFields(message), ['id']);
		});

		it('should read an Instagram sender without phone_number', () => {
			const body = example();
			delete (body.sender as Record<string, unknown>).phone_number;
			assert.equal(read(body).sender?.phone_number, null);
		});

		it('should refuse only an event it does not read', () => {
			assert.equal(readInboundMessage({ event: 'conversation_created' }).ok, false);
			assert.equal(readInboundMessage({ event: 'message_created' }).ok, true);
		});
	});

	describe('isInboundCustomerMessage', () => {
		it('should take a contact without message_type for the customer, and nobody without either', () => {
			const body = example();
			delete body.message_type;
			assert.equal(isInboundCustomerMessage(read(body)), true);
			body.sender = null;
			assert.equal(isInboundCustomerMessage(read(body)), false);
		});
	});

	describe('cleanText', () => {
		it('should replace what Postgres refuses in jsonb and cap the length', () => {
			assert.equal(cleanText('a\u0000b\ud800c'), 'a\uFFFDb\uFFFDc');
			assert.equal(cleanText('olá 👋', 5), 'olá \uFFFD');
			assert.equal(cleanText(''), '');
		});
	});
});
