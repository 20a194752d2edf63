import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { IDataObject } from 'n8n-workflow';
import {
	IG_ID,
	PAGE_ID,
	type SimHarness,
	startSimulator,
	TOKEN,
} from '../../simulators/src/meta/test-support.ts';
import { runNodes, type TestNode } from './harness.ts';

const IMAGE = 'https://cdn.example.com/promo.jpg';

describe('Social Publisher node', () => {
	let h: SimHarness;
	before(async () => {
		h = await startSimulator({
			publishing: { imageProcessingMs: 0 },
			accessTokens: [{ token: TOKEN }, { token: 'expired-token', expiresAt: 0 }],
		});
	});
	after(() => h.close());

	const publisher = (parameters: TestNode['parameters'], continueOnFail = false): TestNode => ({
		name: 'Social Publisher',
		type: 'socialPublisher',
		parameters,
		credentials: { switchboardMetaGraphApi: 'meta' },
		continueOnFail,
	});
	const run = (node: TestNode, token = TOKEN, input = [{}]) =>
		runNodes({
			nodes: [node],
			input,
			credentials: {
				switchboardMetaGraphApi: {
					accessToken: token,
					appSecret: '',
					pageId: PAGE_ID,
					instagramAccountId: IG_ID,
					apiVersion: 'v23.0',
					baseUrl: h.url,
				},
			},
		});
	const posted = (path: RegExp) =>
		h.sim.ctx.log.list({ method: 'POST' }).filter((request) => path.test(request.path));

	it('should make a photo post when there is an image and a text post with the link otherwise', async () => {
		const result = await run(
			publisher({
				resource: 'facebook',
				operation: 'post',
				text: '={{ $json.text }}',
				imageUrl: '={{ $json.image }}',
				link: 'https://example.com/offer',
			}),
			TOKEN,
			[
				{ text: 'Fibre 500 for half price', image: IMAGE },
				{ text: 'Fibre 500 for half price', image: '' },
			],
		);
		assert.equal(result.error, undefined);
		const [photo, feed] = result.output('Social Publisher').map((item) => item.json);
		assert.equal(photo?.text, 'Fibre 500 for half price', 'the item passes on');
		assert.equal((photo?.facebook as IDataObject).kind, 'photo');
		assert.match(String((photo?.facebook as IDataObject).postId), new RegExp(`^${PAGE_ID}_\\d+$`));
		assert.equal((feed?.facebook as IDataObject).kind, 'feed');
		assert.equal(posted(/\/photos$/).length, 1);
		assert.equal(posted(/\/feed$/).length, 1);
	});

	it('should publish to Instagram through the container cycle', async () => {
		const result = await run(
			publisher({
				resource: 'instagram',
				operation: 'publishImage',
				imageUrl: IMAGE,
				caption: 'Half price fibre #fibre',
				options: { pollIntervalSeconds: 0, maxWaitSeconds: 5, resultField: 'published' },
			}),
		);
		assert.equal(result.error, undefined);
		const postId = String(
			(result.output('Social Publisher')[0]?.json.published as IDataObject).postId,
		);
		assert.match(postId, /^\d+$/);
		const media = await h.graph('GET', `/v23.0/${postId}?fields=caption`);
		assert.equal(media.body.caption, 'Half price fibre #fibre');
	});

	it('should refuse a caption over the hashtag limit before creating anything', async () => {
		const before = posted(/\/media$/).length;
		const tags = Array.from({ length: 31 }, (_, n) => `#tag${n}`).join(' ');
		const result = await run(
			publisher({
				resource: 'instagram',
				operation: 'publishImage',
				imageUrl: IMAGE,
				caption: tags,
			}),
		);
		assert.match(String(result.error?.message), /hashtag/i);
		assert.equal(posted(/\/media$/).length, before);
	});

	it("should report an expired token as Meta's error, per item under continueOnFail", async () => {
		const result = await run(
			publisher(
				{ resource: 'facebook', operation: 'post', text: 'Hi', imageUrl: '', link: '' },
				true,
			),
			'expired-token',
		);
		assert.equal(result.error, undefined);
		const [failed] = result.output('Social Publisher');
		assert.match(String(failed?.json.error), /#190/);
		assert.deepEqual(failed?.pairedItem, { item: 0 });
	});
});
