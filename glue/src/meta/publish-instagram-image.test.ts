import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	IG_ID,
	type SimHarness,
	useSimulatorPerTest,
} from '../../../simulators/src/meta/test-support.ts';
import {
	InstagramCaptionError,
	InstagramContainerError,
	InstagramContainerTimeoutError,
	InstagramPublishLimitError,
} from './errors.ts';
import { publishInstagramImage } from './publish-instagram-image.ts';
import { clientFor, logged, VERSION } from './test-support.ts';

const NOW = Date.UTC(2026, 6, 1, 10, 0, 0);
const MINUTE = 60_000;
const IMAGE = 'https://cdn.example.com/promo.jpg';
const MEDIA = `/${VERSION}/${IG_ID}/media`;
const PUBLISH = `/${VERSION}/${IG_ID}/media_publish`;

/** A client whose sleep moves the simulator's clock (and its own), so polling never really waits. */
function steppingClient(h: SimHarness) {
	let now = NOW;
	const sleeps: number[] = [];
	const { client } = clientFor(h, {
		now: () => now,
		sleep: async (ms) => {
			sleeps.push(ms);
			now += ms;
			await h.admin('/clock', { advanceMs: ms });
		},
	});
	return { client, sleeps };
}

async function failureOf(call: Promise<unknown>): Promise<unknown> {
	try {
		await call;
	} catch (error) {
		return error;
	}
	assert.fail('the call should have failed');
}

describe('publish-instagram-image', { timeout: 20_000 }, () => {
	const suite = useSimulatorPerTest({ clock: () => NOW });
	const containerPolls = (h: SimHarness) =>
		h.sim.ctx.log.list({ method: 'GET' }).filter((r) => /^\/v23\.0\/\d+$/.test(r.path));

	describe('publishInstagramImage', () => {
		it('should check the quota, create, poll once a minute until FINISHED, then publish', async () => {
			const h = await suite.start({ publishing: { imageProcessingMs: 2 * MINUTE } });
			const { client, sleeps } = steppingClient(h);
			const result = await publishInstagramImage(client.instagram, {
				igUserId: IG_ID,
				imageUrl: IMAGE,
				caption: 'Summer sale ☀️ #sale #summer',
			});
			assert.match(result.mediaId, /^\d+$/);
			assert.deepEqual(result.quota, {
				quotaUsage: 0,
				quotaTotal: 50,
				quotaDurationSeconds: 86_400,
			});
			assert.deepEqual(sleeps, [MINUTE, MINUTE]);
			assert.equal(containerPolls(h).length, 3);
			assert.deepEqual(
				h.sim.ctx.log.list().map((r) => `${r.method} ${r.path}`),
				[
					`GET /${VERSION}/${IG_ID}/content_publishing_limit`,
					`POST ${MEDIA}`,
					`GET /${VERSION}/${result.containerId}`,
					`GET /${VERSION}/${result.containerId}`,
					`GET /${VERSION}/${result.containerId}`,
					`POST ${PUBLISH}`,
				],
			);
			const media = await h.graph('GET', `/v23.0/${result.mediaId}?fields=caption,media_type`);
			assert.equal(media.body.caption, 'Summer sale ☀️ #sale #summer');
		});

		it('should be reachable as client.instagram.publishImage with its own poll interval', async () => {
			const h = await suite.start({ publishing: { imageProcessingMs: 30_000 } });
			const { client, sleeps } = steppingClient(h);
			await client.instagram.publishImage(
				{ igUserId: IG_ID, imageUrl: IMAGE },
				{ pollIntervalMs: 10_000 },
			);
			assert.deepEqual(sleeps, [10_000, 10_000, 10_000]);
		});

		it('should throw InstagramContainerError with the status when processing ends in ERROR', async () => {
			const h = await suite.start();
			const { client } = steppingClient(h);
			const error = await failureOf(
				client.instagram.publishImage({
					igUserId: IG_ID,
					imageUrl: 'https://cdn.example.com/promo.png',
				}),
			);
			assert.ok(error instanceof InstagramContainerError);
			assert.equal(error.statusCode, 'ERROR');
			assert.match(error.statusText ?? '', /^Error: .*2207005/);
			assert.equal(logged(h, 'POST', PUBLISH).length, 0);
		});

		it('should throw InstagramContainerError "EXPIRED" when the container outlives its TTL', async () => {
			const h = await suite.start({
				publishing: { imageProcessingMs: 10 * MINUTE, containerTtlMs: MINUTE },
			});
			const { client } = steppingClient(h);
			const error = await failureOf(
				client.instagram.publishImage({ igUserId: IG_ID, imageUrl: IMAGE }),
			);
			assert.ok(error instanceof InstagramContainerError);
			assert.equal(error.statusCode, 'EXPIRED');
		});

		it('should give up after five minutes of polling with InstagramContainerTimeoutError', async () => {
			const h = await suite.start({ publishing: { imageProcessingMs: 10 * MINUTE } });
			const { client, sleeps } = steppingClient(h);
			const error = await failureOf(
				client.instagram.publishImage({ igUserId: IG_ID, imageUrl: IMAGE }),
			);
			assert.ok(error instanceof InstagramContainerTimeoutError);
			assert.equal(error.lastStatus, 'IN_PROGRESS');
			assert.equal(error.waitedMs, 5 * MINUTE);
			assert.equal(error.polls, 6);
			assert.deepEqual(sleeps, [MINUTE, MINUTE, MINUTE, MINUTE, MINUTE]);
			assert.equal(logged(h, 'POST', PUBLISH).length, 0);
		});

		it('should cut the last wait short so the final poll lands on the deadline', async () => {
			const h = await suite.start({ publishing: { imageProcessingMs: 10 * MINUTE } });
			const { client, sleeps } = steppingClient(h);
			await failureOf(
				client.instagram.publishImage(
					{ igUserId: IG_ID, imageUrl: IMAGE },
					{ pollIntervalMs: 40_000, maxWaitMs: MINUTE },
				),
			);
			assert.deepEqual(sleeps, [40_000, 20_000]);
		});

		it('should stop before creating a container when the quota is used up', async () => {
			const h = await suite.start({ publishing: { quotaTotal: 0 } });
			const { client } = steppingClient(h);
			const error = await failureOf(
				client.instagram.publishImage({ igUserId: IG_ID, imageUrl: IMAGE }),
			);
			assert.ok(error instanceof InstagramPublishLimitError);
			assert.equal(error.quotaUsage, 0);
			assert.equal(error.quotaTotal, 0);
			assert.equal(error.graph, null);
			assert.equal(logged(h, 'POST', MEDIA).length, 0);
		});

		it("should turn Meta's own #9/2207042 into InstagramPublishLimitError", async () => {
			const h = await suite.start({ publishing: { quotaTotal: 1 } });
			const { client } = steppingClient(h);
			await client.instagram.publishImage({ igUserId: IG_ID, imageUrl: IMAGE });
			// Another publisher used the quota between our check and our publish.
			const { containerId } = await client.instagram.createImageContainer(IG_ID, {
				imageUrl: IMAGE,
			});
			const error = await failureOf(client.instagram.publishContainer(IG_ID, containerId));
			assert.ok(error instanceof InstagramPublishLimitError);
			assert.equal(error.graph?.code, 9);
			assert.equal(error.graph?.error_subcode, 2207042);
			assert.equal(error.quotaUsage, null);
		});

		it('should refuse an over-long caption before any call to Meta', async () => {
			const h = await suite.start();
			const { client } = steppingClient(h);
			const cases: [string, string, number][] = [
				['characters', 'a'.repeat(2201), 2200],
				['hashtags', Array.from({ length: 31 }, (_, i) => `#t${i}`).join(' '), 30],
				['mentions', Array.from({ length: 21 }, (_, i) => `@u${i}`).join(' '), 20],
			];
			for (const [limit, caption, max] of cases) {
				const error = await failureOf(
					client.instagram.publishImage({ igUserId: IG_ID, imageUrl: IMAGE, caption }),
				);
				assert.ok(error instanceof InstagramCaptionError, limit);
				assert.equal(error.limit, limit);
				assert.equal(error.max, max);
			}
			const direct = await failureOf(
				client.instagram.createImageContainer(IG_ID, {
					imageUrl: IMAGE,
					caption: 'a'.repeat(2201),
				}),
			);
			assert.ok(direct instanceof InstagramCaptionError);
			assert.equal(h.sim.ctx.log.list().length, 0);
		});

		it('should publish a caption of exactly 2,200 characters and 30 hashtags', async () => {
			const h = await suite.start();
			const { client } = steppingClient(h);
			const tags = Array.from({ length: 30 }, (_, i) => `#t${i}`).join(' ');
			const caption = `${tags} `.padEnd(2200, 'x');
			const result = await client.instagram.publishImage({
				igUserId: IG_ID,
				imageUrl: IMAGE,
				caption,
			});
			assert.match(result.mediaId, /^\d+$/);
		});
	});
});
