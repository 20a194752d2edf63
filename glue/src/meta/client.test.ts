import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	APP_SECRET,
	CUSTOMER,
	DISPLAY_NUMBER,
	IG_ID,
	PAGE_ID,
	PHONE_ID,
	TOKEN,
	useSimulatorPerTest,
} from '../../../simulators/src/meta/test-support.ts';
import { appsecretProof } from './appsecret-proof.ts';
import { createMetaClient } from './client.ts';
import { clientFor, logged, VERSION } from './test-support.ts';

const NOW = Date.UTC(2026, 6, 1, 10, 0, 0);
const DAY = 86_400_000;
const PROOF = appsecretProof(APP_SECRET, TOKEN);

describe('client', { timeout: 20_000 }, () => {
	const suite = useSimulatorPerTest({ clock: () => NOW });

	describe('every call', () => {
		it('should send the token as a Bearer header and appsecret_proof in the query', async () => {
			const h = await suite.start();
			await clientFor(h).client.pages.createFeedPost(PAGE_ID, { message: 'Hello' });
			const [request] = logged(h, 'POST', `/${VERSION}/${PAGE_ID}/feed`);
			assert.equal(request?.headers.authorization, `Bearer ${TOKEN}`);
			assert.deepEqual(request?.query, { appsecret_proof: PROOF });
			assert.doesNotMatch(request?.rawBody ?? '', new RegExp(TOKEN));
		});

		it('should compute appsecret_proof as HMAC-SHA256 of the token keyed with the secret', () => {
			// echo -n test-token | openssl dgst -sha256 -hmac test_app_secret
			assert.equal(PROOF, 'e7c0dd60d32a2ee5e5ad86035c89328b092082a3cf16d50853762ea22fd7e428');
			assert.throws(() => appsecretProof('', TOKEN), TypeError);
		});

		it('should send no appsecret_proof when no app secret is configured', async () => {
			const h = await suite.start();
			await clientFor(h, { appSecret: '' }).client.pages.createFeedPost(PAGE_ID, { message: 'x' });
			const [request] = logged(h, 'POST', `/${VERSION}/${PAGE_ID}/feed`);
			assert.deepEqual(request?.query, {});
		});

		it('should put the configured version in the path', async () => {
			const h = await suite.start();
			await clientFor(h, { apiVersion: 'v25.0' }).client.pages.createFeedPost(PAGE_ID, {
				message: 'x',
			});
			assert.equal(logged(h, 'POST', `/v25.0/${PAGE_ID}/feed`).length, 1);
		});
	});

	describe('configuration', () => {
		it('should refuse a version that is not vNN.N, naming the field but not the token', () => {
			for (const apiVersion of ['23.0', 'v23', 'latest', '']) {
				assert.throws(
					() => createMetaClient({ apiVersion, accessToken: 'secret-token-value' }),
					(error: unknown) =>
						error instanceof TypeError &&
						/apiVersion/.test(error.message) &&
						/v23\.0/.test(error.message) &&
						!error.message.includes('secret-token-value'),
				);
			}
		});

		it('should refuse a missing token and a base URL that is not http(s)', () => {
			assert.throws(() => createMetaClient({ apiVersion: 'v23.0', accessToken: '' }), /token/);
			assert.throws(
				() =>
					createMetaClient({
						apiVersion: 'v23.0',
						accessToken: 't',
						graphBaseUrl: 'ftp://graph.example',
					}),
				/graphBaseUrl/,
			);
		});

		it('should default the base URL to graph.facebook.com', () => {
			const client = createMetaClient({ apiVersion: 'v23.0', accessToken: 't' });
			assert.equal(client.graphBaseUrl, 'https://graph.facebook.com');
			assert.equal(client.apiVersion, 'v23.0');
		});
	});

	describe('pages', () => {
		it('should create a feed post with message and link and return its id', async () => {
			const h = await suite.start();
			const { postId } = await clientFor(h).client.pages.createFeedPost(PAGE_ID, {
				message: 'Summer sale -20% this weekend',
				link: 'https://shop.example.com/sale',
			});
			assert.match(postId, new RegExp(`^${PAGE_ID}_\\d+$`));
			const [request] = logged(h, 'POST', `/${VERSION}/${PAGE_ID}/feed`);
			assert.match(String(request?.headers['content-type']), /^application\/json/);
			assert.deepEqual(request?.body, {
				message: 'Summer sale -20% this weekend',
				link: 'https://shop.example.com/sale',
			});
			const read = await h.graph('GET', `/v23.0/${postId}?fields=message,is_published`);
			assert.equal(read.body.message, 'Summer sale -20% this weekend');
			assert.equal(read.body.is_published, true);
		});

		it('should schedule a feed post unpublished with a Unix-seconds publish time', async () => {
			const h = await suite.start();
			const scheduledAt = new Date(NOW + DAY);
			const { postId } = await clientFor(h).client.pages.createFeedPost(PAGE_ID, {
				message: 'Tomorrow!',
				scheduledAt,
			});
			const [request] = logged(h, 'POST', `/${VERSION}/${PAGE_ID}/feed`);
			assert.deepEqual(request?.body, {
				message: 'Tomorrow!',
				published: false,
				scheduled_publish_time: (NOW + DAY) / 1000,
			});
			const read = await h.graph(
				'GET',
				`/v23.0/${postId}?fields=is_published,scheduled_publish_time`,
			);
			assert.equal(read.body.is_published, false);
			assert.equal(read.body.scheduled_publish_time, (NOW + DAY) / 1000);
		});

		it('should post a photo by URL with a caption and return the post and photo ids', async () => {
			const h = await suite.start();
			const post = await clientFor(h).client.pages.createPhotoPost(PAGE_ID, {
				url: 'https://cdn.example.com/promo.jpg',
				caption: 'Summer sale',
			});
			assert.match(post.photoId, /^\d+$/);
			assert.match(post.postId ?? '', new RegExp(`^${PAGE_ID}_\\d+$`));
			const [request] = logged(h, 'POST', `/${VERSION}/${PAGE_ID}/photos`);
			assert.deepEqual(request?.body, {
				url: 'https://cdn.example.com/promo.jpg',
				caption: 'Summer sale',
			});
		});

		it('should schedule a photo post', async () => {
			const h = await suite.start();
			const post = await clientFor(h).client.pages.createPhotoPost(PAGE_ID, {
				url: 'https://cdn.example.com/promo.jpg',
				scheduledAt: new Date(NOW + 2 * DAY),
			});
			assert.notEqual(post.postId, null);
			const [request] = logged(h, 'POST', `/${VERSION}/${PAGE_ID}/photos`);
			assert.deepEqual(request?.body, {
				url: 'https://cdn.example.com/promo.jpg',
				published: false,
				scheduled_publish_time: (NOW + 2 * DAY) / 1000,
			});
		});
	});

	describe('instagram', () => {
		it('should create a container, read its status, publish it and read the quota', async () => {
			const h = await suite.start();
			const { instagram } = clientFor(h).client;
			const { containerId } = await instagram.createImageContainer(IG_ID, {
				imageUrl: 'https://cdn.example.com/promo.jpg',
				caption: 'Summer sale ☀️ #sale',
				altText: 'Red sneakers',
			});
			assert.deepEqual(logged(h, 'POST', `/${VERSION}/${IG_ID}/media`)[0]?.body, {
				image_url: 'https://cdn.example.com/promo.jpg',
				caption: 'Summer sale ☀️ #sale',
				alt_text: 'Red sneakers',
			});

			assert.deepEqual(await instagram.containerStatus(containerId), {
				statusCode: 'FINISHED',
				statusText: 'Finished: Media has been uploaded and it is ready to be published.',
			});
			const [poll] = logged(h, 'GET', `/${VERSION}/${containerId}`);
			assert.deepEqual(poll?.query, { fields: 'status_code,status', appsecret_proof: PROOF });

			const { mediaId } = await instagram.publishContainer(IG_ID, containerId);
			assert.match(mediaId, /^\d+$/);
			assert.deepEqual(logged(h, 'POST', `/${VERSION}/${IG_ID}/media_publish`)[0]?.body, {
				creation_id: containerId,
			});

			assert.deepEqual(await instagram.publishingLimit(IG_ID), {
				quotaUsage: 1,
				quotaTotal: 50,
				quotaDurationSeconds: 86_400,
			});
			const [limit] = logged(h, 'GET', `/${VERSION}/${IG_ID}/content_publishing_limit`);
			assert.deepEqual(limit?.query, { fields: 'quota_usage,config', appsecret_proof: PROOF });
		});
	});

	describe('whatsapp', () => {
		const MESSAGES = `/${VERSION}/${PHONE_ID}/messages`;
		const customerWrites = (h: Awaited<ReturnType<typeof suite.start>>) =>
			h.admin('/inbound', { to_number: `+${DISPLAY_NUMBER}`, from: CUSTOMER, text: 'Hi!' });

		it('should send a text with "+" restored on a wa_id and return the wamid', async () => {
			const h = await suite.start();
			await customerWrites(h);
			const sent = await clientFor(h).client.whatsapp.sendText(PHONE_ID, {
				to: CUSTOMER,
				body: 'Your order has shipped.',
				replyTo: 'wamid.ABC',
			});
			assert.match(sent.messageId, /^wamid\./);
			assert.equal(sent.waId, CUSTOMER);
			assert.equal(sent.messageStatus, null);
			const [request] = logged(h, 'POST', MESSAGES);
			assert.deepEqual(request?.body, {
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: `+${CUSTOMER}`,
				type: 'text',
				text: { body: 'Your order has shipped.' },
				context: { message_id: 'wamid.ABC' },
			});
			assert.equal(request?.headers.authorization, `Bearer ${TOKEN}`);
		});

		it('should send a template with its components, accepted outside the window', async () => {
			const h = await suite.start({
				templates: [{ name: 'order_update', language: 'es', bodyParameterCount: 1 }],
			});
			const sent = await clientFor(h).client.whatsapp.sendTemplate(PHONE_ID, {
				to: '+1 650-555-1234',
				name: 'order_update',
				language: 'es',
				components: [{ type: 'body', parameters: [{ type: 'text', text: 'Pablo' }] }],
				bizOpaqueCallbackData: 'order-42',
			});
			assert.equal(sent.messageStatus, 'accepted');
			const [request] = logged(h, 'POST', MESSAGES);
			assert.deepEqual(request?.body, {
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: `+${CUSTOMER}`,
				type: 'template',
				template: {
					name: 'order_update',
					language: { code: 'es' },
					components: [{ type: 'body', parameters: [{ type: 'text', text: 'Pablo' }] }],
				},
				biz_opaque_callback_data: 'order-42',
			});
		});
	});
});
