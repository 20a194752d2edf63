import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { readInboundMessage } from '../chatwoot/inbound-message.ts';
import { fileNameOf, formatSize, messageText } from './message-text.ts';

const examples = new URL('../../../../shared/reference/chatwoot/examples/', import.meta.url);

// Attachment#push_event_data per kind (reference/chatwoot.md §2.4.1), as Chatwoot 4.15 sends them.
const base = { id: 311, message_id: 9878, account_id: 1 };
const blob =
	'https://chatwoot.example.com/rails/active_storage/blobs/redirect/eyJfcmFpbHMiOnsi--abc';
const media = (overrides: Record<string, unknown>) => ({
	...base,
	extension: null,
	data_url: `${blob}/file`,
	thumb_url: '',
	file_size: 0,
	width: null,
	height: null,
	...overrides,
});
const shapes = {
	image: media({
		file_type: 'image',
		extension: 'jpg',
		content_type: 'image/jpeg',
		data_url: `${blob}/paquete.jpg`,
		file_size: 183_422,
		width: 1080,
		height: 1440,
	}),
	voice: media({
		file_type: 'audio',
		extension: 'ogg',
		content_type: 'audio/ogg; codecs=opus',
		data_url: `${blob}/audio.ogg`,
		file_size: 9_120,
		transcribed_text: '',
	}),
	audio: media({
		file_type: 'audio',
		extension: 'mp3',
		content_type: 'audio/mpeg',
		data_url: `${blob}/cancion.mp3`,
		file_size: 3_250_000,
		transcribed_text: 'Hola, no me funciona\nel router',
	}),
	video: media({
		file_type: 'video',
		extension: 'mp4',
		content_type: 'video/mp4',
		data_url: `${blob}/router-luces.mp4`,
		file_size: 2_516_582,
	}),
	file: media({
		file_type: 'file',
		extension: 'pdf',
		content_type: 'application/pdf',
		data_url: `${blob}/factura%20marzo.pdf`,
		file_size: 120_000,
	}),
	sticker: media({
		file_type: 'image',
		extension: 'webp',
		content_type: 'image/webp',
		data_url: `${blob}/sticker.webp`,
		file_size: 20_000,
		width: 512,
		height: 512,
	}),
	location: {
		...base,
		file_type: 'location',
		coordinates_lat: 40.4168,
		coordinates_long: -3.7038,
		fallback_title: 'Puerta del Sol',
		data_url: 'https://maps.google.com/?q=40.4168,-3.7038',
	},
	contact: {
		...base,
		file_type: 'contact',
		fallback_title: '+34 600 000 000',
		meta: { firstName: 'Ana', lastName: 'García' },
	},
	fallback: {
		...base,
		file_type: 'fallback',
		fallback_title: 'Northwind summer offer',
		data_url: 'https://fb.me/x',
	},
	share: { ...base, file_type: 'share', fallback_title: 'A post about fibre', data_url: null },
	story_mention: { ...base, file_type: 'story_mention', data_url: 'https://cdn.ig/x' },
	ig_reel: { ...base, file_type: 'ig_reel', data_url: 'https://cdn.ig/r' },
	embed: { ...base, file_type: 'embed', data_url: 'https://youtube.com/x' },
	unknown: { ...base, file_type: 'hologram', data_url: 'https://x/y' },
};

/** The batch message of a customer message carrying `attachments`, as the gateway forwards it. */
const sent = (attachments: unknown[], content: string | null = null, contentType = 'text') => ({
	ledgerId: 1,
	content,
	contentType,
	attachments,
});

describe('message-text', () => {
	describe('messageText', () => {
		it('should describe every attachment kind Chatwoot sends, in words', () => {
			const described = Object.fromEntries(
				Object.entries(shapes).map(([kind, attachment]) => [kind, messageText(sent([attachment]))]),
			);
			assert.deepEqual(described, {
				image: '[The customer sent a photo (paquete.jpg, 1080×1440, 179 KB)]',
				voice: '[The customer sent a voice note (9 KB); no transcript]',
				audio:
					'[The customer sent an audio file (cancion.mp3, 3.1 MB); transcript: "Hola, no me funciona el router"]',
				video: '[The customer sent a video (router-luces.mp4, 2.4 MB)]',
				file: '[The customer sent a file (factura marzo.pdf, application/pdf, 117 KB)]',
				sticker: '[The customer sent a sticker]',
				location: '[The customer shared a location: 40.4168, -3.7038 (Puerta del Sol)]',
				contact: '[The customer shared a contact card: Ana García, +34 600 000 000]',
				fallback:
					'[The customer sent something the channel could not show: Northwind summer offer]',
				share: '[The customer shared a link or post: A post about fibre]',
				story_mention: '[The customer mentioned the business in an Instagram story]',
				ig_reel: '[The customer shared an Instagram reel]',
				embed: '[The customer shared embedded content]',
				unknown: '[The customer sent an attachment of a kind the bot cannot read]',
			});
		});

		it('should never pass on a URL, which carries a signed blob id', () => {
			for (const attachment of Object.values(shapes)) {
				const text = messageText(sent([attachment]));
				assert.doesNotMatch(text, /https?:|eyJfcmFpbHM|active_storage/, text);
			}
		});

		it('should read the reference example (an image with a caption) as its text plus the photo', () => {
			const body = JSON.parse(
				readFileSync(new URL('message_created.incoming_with_attachment.json', examples), 'utf8'),
			) as unknown;
			const read = readInboundMessage(body);
			assert.ok(read.ok);
			assert.equal(
				messageText({ content: read.message.content, attachments: read.message.attachments }),
				'Foto del paquete\n[The customer sent a photo (paquete.jpg, 1080×1440, 179 KB)]',
			);
		});

		it('should keep a contact card name through the gateway record, and only the name', () => {
			const read = readInboundMessage({
				event: 'message_created',
				id: 1,
				attachments: [{ ...shapes.contact, meta: { firstName: 'Ana', toString: 'x' } }],
			});
			assert.ok(read.ok);
			const [card] = read.message.attachments;
			assert.deepEqual([card?.contact_first_name, card?.contact_last_name], ['Ana', null]);
			assert.ok(!Object.hasOwn(card ?? {}, 'meta'));
			assert.equal(
				messageText(sent(read.message.attachments)),
				'[The customer shared a contact card: Ana, +34 600 000 000]',
			);
		});

		it('should give one line per attachment after the text, and a sticker message as a sticker', () => {
			assert.equal(
				messageText(sent([shapes.image, shapes.location], '  mira  ')),
				'mira\n[The customer sent a photo (paquete.jpg, 1080×1440, 179 KB)]\n' +
					'[The customer shared a location: 40.4168, -3.7038 (Puerta del Sol)]',
			);
			const png = { ...shapes.image, content_type: 'image/png', extension: 'png' };
			assert.equal(messageText(sent([png], null, 'sticker')), '[The customer sent a sticker]');
		});

		it('should leave out what is missing or nonsense instead of guessing', () => {
			assert.equal(
				messageText(sent([{ file_type: 'location', coordinates_lat: 91, coordinates_long: 2 }])),
				'[The customer shared a location]',
			);
			assert.equal(
				messageText(sent([{ file_type: 'image', data_url: 'not a url', file_size: -1 }])),
				'[The customer sent a photo]',
			);
			assert.equal(
				messageText(sent([{ file_type: 'contact', fallback_title: 'a ] b\nc' }])),
				'[The customer shared a contact card: a b c]',
			);
		});

		it('should read text alone as it is, and nothing as the empty string', () => {
			assert.equal(messageText('Hola'), 'Hola');
			assert.equal(messageText(sent([], 'Hola')), 'Hola');
			assert.equal(messageText(sent([], '   ')), '');
			assert.equal(messageText(sent([])), '');
			assert.equal(messageText({ attachments: 'nonsense' }), '');
			assert.equal(messageText(null), '');
			assert.equal(messageText(42), '');
		});
	});

	describe('fileNameOf', () => {
		it('should take a file name from the path and nothing that looks like a token', () => {
			assert.equal(fileNameOf(`${blob}/paquete.jpg?disposition=inline`), 'paquete.jpg');
			assert.equal(fileNameOf(`${blob}`), null);
			assert.equal(fileNameOf('https://x/%E0%A4%A'), null);
			assert.equal(fileNameOf(null), null);
		});
	});

	describe('formatSize', () => {
		it('should round to B, KB and MB', () => {
			assert.deepEqual([500, 183_422, 2_516_582, 0, null].map(formatSize), [
				'500 B',
				'179 KB',
				'2.4 MB',
				null,
				null,
			]);
		});
	});
});
