import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ForwardMessage } from './inbound-batch.ts';
import { unreadableBatch } from './unreadable-batch.ts';

const message = (overrides: Partial<ForwardMessage> = {}): ForwardMessage => ({
	ledgerId: 1,
	source: 'agent_bot',
	messageId: 501,
	content: 'How much is fibre?',
	contentType: 'text',
	createdAt: '2026-12-06T08:00:00Z',
	sourceId: 'wamid.1',
	sender: { id: 7, name: 'Ana', phoneNumber: '+5215512345678' },
	attachments: [],
	referral: null,
	...overrides,
});

const photo = {
	id: 1,
	file_type: 'image',
	extension: 'jpg',
	content_type: 'image/jpeg',
	data_url: 'https://chatwoot.test/rails/active_storage/blobs/redirect/x/router.jpg',
	thumb_url: null,
	file_size: 183_422,
	width: 1080,
	height: 1440,
	coordinates_lat: null,
	coordinates_long: null,
	fallback_title: null,
	transcribed_text: null,
};

describe('unreadable-batch', () => {
	describe('unreadableBatch', () => {
		it('should let triage read a batch with text, or with only a photo', () => {
			assert.equal(unreadableBatch([message()]), null);
			assert.equal(unreadableBatch([message({ content: null, attachments: [photo] })]), null);
		});

		it('should let triage read a batch where one message is empty and another is not', () => {
			assert.equal(
				unreadableBatch([message({ content: '  ' }), message({ messageId: 502 })]),
				null,
			);
		});

		it('should name the fields the webhook lacked, once each, and tell the agents nothing was sent', () => {
			const unreadable = unreadableBatch([
				message({ incomplete: ['conversation.status'] }),
				message({ messageId: 502, incomplete: ['conversation.status', 'message_type'] }),
			]);
			assert.deepEqual(unreadable?.missing, ['conversation.status', 'message_type']);
			assert.equal(unreadable?.empty, 0);
			assert.match(
				unreadable?.note ?? '',
				/could not read .* new messages and sent the customer nothing/,
			);
			assert.match(
				unreadable?.note ?? '',
				/Why: Chatwoot's webhook lacked conversation.status, message_type/,
			);
		});

		it('should hand off a batch with no text and no attachment, naming the message', () => {
			const unreadable = unreadableBatch([message({ content: null })]);
			assert.deepEqual(unreadable?.missing, []);
			assert.equal(unreadable?.empty, 1);
			assert.match(
				unreadable?.note ?? '',
				/Why: a message has no text and no attachment the bot could see \(message #501\)/,
			);
		});

		it('should say both when a message lacks fields and the others are empty', () => {
			const unreadable = unreadableBatch([
				message({ content: '', messageId: null, incomplete: ['id'] }),
				message({ content: null, messageId: 502 }),
			]);
			assert.deepEqual(unreadable?.missing, ['id']);
			assert.match(unreadable?.note ?? '', /Why: Chatwoot's webhook lacked id/);
			assert.match(unreadable?.note ?? '', /Also: 2 messages have no text .*\(message #502\)/);
		});
	});
});
