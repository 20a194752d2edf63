import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { IG_ID, PAGE_ID, type SimHarness, startSimulator } from './test-support.ts';

const NOW = Date.UTC(2026, 6, 1, 10, 0, 0);
const MINUTE = 60_000;
const DAY = 86_400_000;

describe('meta simulator: publishing', { timeout: 20_000 }, () => {
	let h: SimHarness | undefined;
	afterEach(async () => {
		await h?.close();
		h = undefined;
	});
	const start = async (options: Parameters<typeof startSimulator>[0] = {}) => {
		h = await startSimulator({ clock: () => NOW, ...options });
		return h;
	};
	const errorOf = (body: Record<string, unknown>) => body.error as Record<string, unknown>;

	describe('Facebook Page feed and photos', () => {
		it('should answer a "{page-id}_{post-id}" id when a feed post is created', async () => {
			const sim = await start();
			const res = await sim.graph('POST', `/v25.0/${PAGE_ID}/feed`, {
				message: 'Summer sale -20% this weekend',
				link: 'https://shop.example.com/sale',
			});
			assert.equal(res.status, 200);
			assert.match(String(res.body.id), new RegExp(`^${PAGE_ID}_\\d+$`));
			const read = await sim.graph('GET', `/v25.0/${res.body.id}`);
			assert.deepEqual(read.body, {
				created_time: '2026-07-01T10:00:00+0000',
				message: 'Summer sale -20% this weekend',
				id: res.body.id,
			});
		});

		it('should take form-encoded parameters as Graph clients send them', async () => {
			const sim = await start();
			const res = await fetch(`${sim.url}/v25.0/${PAGE_ID}/feed`, {
				method: 'POST',
				body: new URLSearchParams({ message: 'from a form', access_token: 'test-token' }),
			});
			assert.equal(res.status, 200);
		});

		it('should answer a photo id and a post id when a photo is posted by URL', async () => {
			const sim = await start();
			const res = await sim.graph('POST', `/v25.0/${PAGE_ID}/photos`, {
				url: 'https://cdn.example.com/promo.jpg',
				caption: 'Summer sale',
			});
			assert.equal(res.status, 200);
			assert.match(String(res.body.id), /^\d+$/);
			assert.match(String(res.body.post_id), new RegExp(`^${PAGE_ID}_\\d+$`));
		});

		it('should answer #324 when a photo has no url', async () => {
			const sim = await start();
			const res = await sim.graph('POST', `/v25.0/${PAGE_ID}/photos`, { caption: 'no file' });
			assert.equal(res.status, 400);
			assert.equal(errorOf(res.body).code, 324);
		});

		it('should schedule a post that turns public once its time has come', async () => {
			const sim = await start();
			const when = Math.floor((NOW + DAY) / 1000);
			const res = await sim.graph('POST', `/v25.0/${PAGE_ID}/feed`, {
				message: 'Tomorrow!',
				published: 'false',
				scheduled_publish_time: when,
			});
			assert.equal(res.status, 200);
			const fields = '?fields=is_published,scheduled_publish_time';
			const before = await sim.graph('GET', `/v25.0/${res.body.id}${fields}`);
			assert.equal(before.body.is_published, false);
			assert.equal(before.body.scheduled_publish_time, when);
			await sim.admin('/clock', { advanceMs: DAY });
			const afterwards = await sim.graph('GET', `/v25.0/${res.body.id}${fields}`);
			assert.equal(afterwards.body.is_published, true);
		});

		it('should reject a schedule less than 10 minutes or more than 30 days ahead', async () => {
			const sim = await start();
			for (const ahead of [5 * MINUTE, 31 * DAY]) {
				const res = await sim.graph('POST', `/v25.0/${PAGE_ID}/feed`, {
					message: 'x',
					published: false,
					scheduled_publish_time: Math.floor((NOW + ahead) / 1000),
				});
				assert.equal(res.status, 400);
				assert.equal(
					errorOf(res.body).message,
					'(#100) The specified scheduled publish time is invalid.',
				);
			}
		});

		it('should reject a schedule on a post that is not marked unpublished', async () => {
			const sim = await start();
			const res = await sim.graph('POST', `/v25.0/${PAGE_ID}/photos`, {
				url: 'https://cdn.example.com/a.jpg',
				scheduled_publish_time: new Date(NOW + DAY).toISOString(),
			});
			assert.equal(res.status, 400);
			assert.equal(errorOf(res.body).code, 100);
		});

		it('should update and then delete a post', async () => {
			const sim = await start();
			const { body } = await sim.graph('POST', `/v25.0/${PAGE_ID}/feed`, { message: 'v1' });
			assert.deepEqual((await sim.graph('POST', `/v25.0/${body.id}`, { message: 'v2' })).body, {
				success: true,
			});
			assert.equal((await sim.graph('GET', `/v25.0/${body.id}`)).body.message, 'v2');
			assert.deepEqual((await sim.graph('DELETE', `/v25.0/${body.id}`)).body, { success: true });
			assert.equal(errorOf((await sim.graph('GET', `/v25.0/${body.id}`)).body).error_subcode, 33);
		});
	});

	describe('Instagram content publishing', () => {
		const createContainer = (sim: SimHarness, body: Record<string, unknown>) =>
			sim.graph('POST', `/v25.0/${IG_ID}/media`, body);

		it('should go from container to IN_PROGRESS, FINISHED, then a published media id', async () => {
			const sim = await start({ publishing: { imageProcessingMs: 30_000 } });
			const created = await createContainer(sim, {
				image_url: 'https://cdn.example.com/promo.jpg',
				caption: 'Summer sale ☀️ #sale #summer',
			});
			assert.equal(created.status, 200);
			const containerId = String(created.body.id);

			const polling = `/v25.0/${containerId}?fields=status_code,status`;
			const first = await sim.graph('GET', polling);
			assert.equal(first.body.status_code, 'IN_PROGRESS');
			assert.equal(first.body.id, containerId);

			const early = await sim.graph('POST', `/v25.0/${IG_ID}/media_publish`, {
				creation_id: containerId,
			});
			assert.equal(early.status, 400);
			assert.equal(errorOf(early.body).code, 9007);
			assert.equal(errorOf(early.body).error_subcode, 2207027);

			await sim.admin('/clock', { advanceMs: 30_000 });
			assert.equal((await sim.graph('GET', polling)).body.status_code, 'FINISHED');
			const published = await sim.graph('POST', `/v25.0/${IG_ID}/media_publish`, {
				creation_id: containerId,
			});
			assert.equal(published.status, 200);
			assert.match(String(published.body.id), /^\d+$/);
			assert.equal((await sim.graph('GET', polling)).body.status_code, 'PUBLISHED');

			const media = await sim.graph('GET', `/v25.0/${published.body.id}?fields=caption,media_type`);
			assert.deepEqual(media.body, {
				caption: 'Summer sale ☀️ #sale #summer',
				media_type: 'IMAGE',
				id: published.body.id,
			});
		});

		it('should end in ERROR when the image is not a JPEG', async () => {
			const sim = await start();
			const { body } = await createContainer(sim, {
				image_url: 'https://cdn.example.com/promo.png',
			});
			const status = await sim.graph('GET', `/v25.0/${body.id}?fields=status_code,status`);
			assert.equal(status.body.status_code, 'ERROR');
			assert.match(String(status.body.status), /^Error: /);
		});

		it('should answer the caption error when the caption is over 2,200 characters', async () => {
			const sim = await start();
			const res = await createContainer(sim, {
				image_url: 'https://cdn.example.com/a.jpg',
				caption: 'a'.repeat(2201),
			});
			assert.equal(res.status, 400);
			const error = errorOf(res.body);
			assert.equal(error.code, 36004);
			assert.equal(error.error_subcode, 2207010);
			assert.equal(error.type, 'OAuthException');
			assert.equal(error.is_transient, false);
			assert.equal(typeof error.error_user_msg, 'string');
		});

		it('should accept exactly 2,200 characters and 30 hashtags', async () => {
			const sim = await start();
			const tags = Array.from({ length: 30 }, (_, i) => `#t${i}`).join(' ');
			const caption = (tags + ' ').padEnd(2200, 'x');
			const res = await createContainer(sim, {
				image_url: 'https://cdn.example.com/a.jpg',
				caption,
			});
			assert.equal(res.status, 200);
		});

		it('should answer the caption error when the caption has 31 hashtags', async () => {
			const sim = await start();
			const caption = Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(' ');
			const res = await createContainer(sim, {
				image_url: 'https://cdn.example.com/a.jpg',
				caption,
			});
			assert.equal(res.status, 400);
			assert.equal(errorOf(res.body).error_subcode, 2207010);
		});

		it('should answer 9/2207042 once the 24-hour publishing limit is used up', async () => {
			const sim = await start({ publishing: { quotaTotal: 2 } });
			const publish = async () => {
				const { body } = await createContainer(sim, { image_url: 'https://cdn.example.com/a.jpg' });
				return sim.graph('POST', `/v25.0/${IG_ID}/media_publish`, { creation_id: body.id });
			};
			assert.equal((await publish()).status, 200);
			assert.equal((await publish()).status, 200);
			const limit = await sim.graph(
				'GET',
				`/v25.0/${IG_ID}/content_publishing_limit?fields=quota_usage,config`,
			);
			assert.deepEqual(limit.body, {
				data: [{ quota_usage: 2, config: { quota_total: 2, quota_duration: 86400 } }],
			});

			const refused = await publish();
			assert.equal(refused.status, 400);
			const error = errorOf(refused.body);
			assert.equal(error.code, 9);
			assert.equal(error.error_subcode, 2207042);

			await sim.admin('/clock', { advanceMs: DAY });
			assert.equal((await publish()).status, 200, 'the quota frees up 24 hours after each post');
		});

		it('should answer the expired error when a container is published after 24 hours', async () => {
			const sim = await start();
			const { body } = await createContainer(sim, { image_url: 'https://cdn.example.com/a.jpg' });
			await sim.admin('/clock', { advanceMs: DAY });
			const res = await sim.graph('POST', `/v25.0/${IG_ID}/media_publish`, {
				creation_id: body.id,
			});
			assert.equal(errorOf(res.body).error_subcode, 2207020);
		});

		it('should publish a carousel of two item containers', async () => {
			const sim = await start();
			const item = async () =>
				(
					await createContainer(sim, {
						image_url: 'https://cdn.example.com/a.jpg',
						is_carousel_item: 'true',
					})
				).body.id;
			const children = `${await item()},${await item()}`;
			const carousel = await createContainer(sim, {
				media_type: 'CAROUSEL',
				children,
				caption: 'Two looks',
			});
			assert.equal(carousel.status, 200);
			const res = await sim.graph('POST', `/v25.0/${IG_ID}/media_publish`, {
				creation_id: carousel.body.id,
			});
			assert.equal(res.status, 200);
		});
	});
});
