// Against the real log store (PostgreSQL) and the Meta simulator; only Directus's log is an
// in-memory stand-in here (post-log.test.ts writes to a real Directus).
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type pg from 'pg';
import {
	IG_ID,
	PAGE_ID,
	type SimHarness,
	startSimulator,
	TOKEN,
} from '../../../simulators/src/meta/test-support.ts';
import { migrate } from '../log-store/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../log-store/test-database.ts';
import { createMetaClient } from '../meta/client.ts';
import type { PlatformOutcome } from './outcome.ts';
import { publishDuePost, type PublishDeps } from './publish.ts';
import { recordHandoff } from './record-handoff.ts';
import { SocialInputError } from './social-input-error.ts';
import { makePostJob, makeSocialPromotion, MemoryPostLog } from './test-support.ts';

const NOW = Date.parse('2026-11-23T14:01:00Z');

describe('publishDuePost', () => {
	let database: TestDatabase;
	let pool: pg.Pool;
	let meta: SimHarness;
	let postLog: MemoryPostLog;
	let deps: PublishDeps;

	before(async () => {
		database = await createTestDatabase();
		pool = database.pool();
		await migrate(pool);
		meta = await startSimulator({ publishing: { imageProcessingMs: 0 } });
	});
	after(async () => {
		await meta.close();
		await database.drop();
	});
	beforeEach(() => {
		postLog = new MemoryPostLog();
		const client = createMetaClient({
			accessToken: TOKEN,
			apiVersion: 'v23.0',
			graphBaseUrl: meta.url,
			retries: 0,
		});
		deps = {
			db: pool,
			meta: { pages: client.pages, instagram: client.instagram, pageId: PAGE_ID, igUserId: IG_ID },
			postLog,
			now: () => NOW,
			poll: { pollIntervalMs: 0, maxWaitMs: 1_000 },
			mail: { marketingEmail: 'marketing@shop.example', mailFrom: 'Shop <bot@shop.example>' },
		};
	});
	afterEach(async () => {
		await meta.admin('/reset', {});
		await meta.admin('/config', { publishing: { quotaTotal: 50 } });
	});

	const posts = (pattern: RegExp) =>
		meta.sim.ctx.log.list({ method: 'POST' }).filter((request) => pattern.test(request.path));
	const byPlatform = (outcomes: PlatformOutcome[]) =>
		Object.fromEntries(outcomes.map((outcome) => [outcome.platform, outcome]));
	const row = async (key: string) =>
		(
			await pool.query<{ status: string; post_id: string | null; error_code: string | null }>(
				'select status, post_id, error_code from sb_social_posts where idempotency_key = $1',
				[key],
			)
		).rows[0];

	it('should post a photo to the Page and the image to Instagram, record and log both', async () => {
		const job = makePostJob();
		const { facebook, instagram } = byPlatform(await publishDuePost(job, deps));
		assert.equal(facebook?.status, 'posted');
		assert.match(String(facebook?.postId), new RegExp(`^${PAGE_ID}_\\d+$`));
		assert.equal(instagram?.status, 'posted');
		assert.ok(instagram?.postId);
		assert.equal(posts(/\/photos$/).length, 1);
		assert.equal(posts(/\/media_publish$/).length, 1);
		assert.deepEqual(await row(facebook!.key), {
			status: 'posted',
			post_id: facebook!.postId,
			error_code: null,
		});
		assert.deepEqual(
			postLog.entries.map(({ platform, status, postId, caption, slot, at }) => ({
				platform,
				status,
				postId,
				caption,
				slot: slot.toISOString(),
				at: at.getTime(),
			})),
			[
				{
					platform: 'facebook',
					status: 'posted',
					postId: facebook!.postId,
					caption: job.captions!.facebook!.ok ? job.captions!.facebook!.text : null,
					slot: '2026-11-23T14:00:00.000Z',
					at: NOW,
				},
				{
					platform: 'instagram',
					status: 'posted',
					postId: instagram!.postId,
					caption: 'Half price fibre for 3 months. #fibre #boston',
					slot: '2026-11-23T14:00:00.000Z',
					at: NOW,
				},
			],
		);
	});

	it('should post nothing and log nothing when the same slot runs again', async () => {
		const job = makePostJob();
		const first = byPlatform(await publishDuePost(job, deps));
		const requests = meta.sim.ctx.log.list().length;
		const again = await publishDuePost(job, deps);
		assert.deepEqual(
			again.map((outcome) => [outcome.platform, outcome.status, outcome.existing]),
			[
				['facebook', 'duplicate', { status: 'posted', postId: first.facebook!.postId }],
				['instagram', 'duplicate', { status: 'posted', postId: first.instagram!.postId }],
			],
		);
		assert.equal(meta.sim.ctx.log.list().length, requests, 'no call to Meta');
		assert.equal(postLog.entries.length, 2, 'only the first run logged');
	});

	it('should post once when two runs take the same slot at the same time', async () => {
		const job = makePostJob();
		const [one, two] = await Promise.all([publishDuePost(job, deps), publishDuePost(job, deps)]);
		const statuses = [...one!, ...two!].map((outcome) => `${outcome.platform}:${outcome.status}`);
		assert.deepEqual(statuses.sort(), [
			'facebook:duplicate',
			'facebook:posted',
			'instagram:duplicate',
			'instagram:posted',
		]);
		assert.equal(posts(/\/photos$/).length, 1);
		assert.equal(posts(/\/media_publish$/).length, 1);
	});

	it('should log an Instagram container in ERROR and still post to Facebook', async () => {
		const promotion = makeSocialPromotion({ imageUrl: 'https://cdn.example.com/fibre.png' });
		const { facebook, instagram } = byPlatform(
			await publishDuePost(makePostJob({ promotion }), deps),
		);
		assert.equal(facebook?.status, 'posted');
		assert.equal(instagram?.status, 'failed');
		assert.equal(instagram?.errorCode, 'META_INSTAGRAM_CONTAINER');
		assert.match(String(instagram?.errorMessage), /container ERROR.*2207005.*JPEG/);
		assert.equal(posts(/\/media_publish$/).length, 0);
		assert.deepEqual(await row(instagram!.key), {
			status: 'failed',
			post_id: null,
			error_code: 'META_INSTAGRAM_CONTAINER',
		});
		assert.deepEqual(
			postLog.entries.map((entry) => [entry.platform, entry.status, entry.errorCode]),
			[
				['facebook', 'posted', null],
				['instagram', 'failed', 'META_INSTAGRAM_CONTAINER'],
			],
		);
	});

	it('should not create a container when the publishing quota is used up', async () => {
		await meta.admin('/config', { publishing: { quotaTotal: 0 } });
		const { facebook, instagram } = byPlatform(await publishDuePost(makePostJob(), deps));
		assert.equal(facebook?.status, 'posted');
		assert.equal(instagram?.status, 'failed');
		assert.equal(instagram?.errorCode, 'META_INSTAGRAM_PUBLISH_LIMIT');
		assert.match(String(instagram?.errorMessage), /publishing limit is used up \(0 of 0 used\)/);
		assert.equal(posts(/\/media$/).length, 0);
	});

	it('should log a caption over the limit and still post the other platform', async () => {
		const job = makePostJob({
			captions: {
				facebook: {
					ok: true,
					text: 'Half price fibre! https://northwind.example/offers/fibre-500',
				},
				instagram: {
					ok: false,
					code: 'CAPTION_OVER_LIMIT',
					error:
						'The Instagram caption is over the limit after a second attempt: 2,431 characters.',
				},
			},
		});
		const { facebook, instagram } = byPlatform(await publishDuePost(job, deps));
		assert.equal(facebook?.status, 'posted');
		assert.deepEqual(
			[instagram?.status, instagram?.errorCode, instagram?.caption],
			['failed', 'CAPTION_OVER_LIMIT', null],
		);
		assert.match(String(postLog.entries[1]?.errorMessage), /over the limit/);
		assert.equal(posts(/\/media$/).length, 0);
	});

	it('should log an expired token (190) on Facebook and still publish to Instagram', async () => {
		await meta.admin('/faults', {
			method: 'POST',
			path: `/v23.0/${PAGE_ID}/photos`,
			status: 401,
			body: {
				error: {
					message: 'Error validating access token: Session has expired on Sunday, 22-Nov-26.',
					type: 'OAuthException',
					code: 190,
					error_subcode: 463,
					fbtrace_id: 'AbCdEf',
				},
			},
		});
		const { facebook, instagram } = byPlatform(await publishDuePost(makePostJob(), deps));
		assert.equal(facebook?.status, 'failed');
		assert.equal(facebook?.errorCode, '190/463');
		assert.match(String(facebook?.errorMessage), /access token \(#190\/463, expired\): renew/);
		assert.match(String(facebook?.errorMessage), /Session has expired/);
		assert.equal(instagram?.status, 'posted');
	});

	it('should skip Instagram without an image and make a text post with the link on Facebook', async () => {
		const promotion = makeSocialPromotion({ imageUrl: null });
		const { facebook, instagram } = byPlatform(
			await publishDuePost(makePostJob({ promotion }), deps),
		);
		assert.equal(facebook?.status, 'posted');
		const [feed] = posts(/\/feed$/);
		assert.equal((feed?.body as { link?: string }).link, promotion.link);
		assert.deepEqual(
			[instagram?.status, instagram?.errorCode],
			['skipped', 'INSTAGRAM_NEEDS_IMAGE'],
		);
		assert.equal(postLog.entries[1]?.status, 'skipped');
		assert.equal((await row(instagram!.key))?.status, 'failed');
	});

	describe('TikTok', () => {
		const tiktokJob = () =>
			makePostJob({ promotion: makeSocialPromotion({ platforms: ['tiktok'] }) });

		it('should claim the slot and hand the e-mail on, then log it as emailed once', async () => {
			const job = tiktokJob();
			const [handoff] = await publishDuePost(job, deps);
			assert.equal(handoff?.status, 'handoff');
			assert.deepEqual(
				[handoff?.email?.to, handoff?.email?.from],
				['marketing@shop.example', 'Shop <bot@shop.example>'],
			);
			assert.match(String(handoff?.email?.subject), /TikTok post to publish: Fibre 500/);
			assert.match(String(handoff?.email?.text), /Half price fibre 🚀 #fibre/);
			assert.match(
				String(handoff?.email?.text),
				/Media: https:\/\/cdn\.example\.com\/fibre-500\.jpg/,
			);
			assert.match(
				String(handoff?.email?.text),
				/Monday 23 November 2026, 09:00 \(America\/New_York\)/,
			);
			assert.equal(postLog.entries.length, 0, 'logged when the e-mail went out, not before');
			assert.equal((await row(handoff!.key))?.status, 'pending');

			const sent = { accepted: ['marketing@example.com'], rejected: [], messageId: '<m1@sink>' };
			const done = await recordHandoff(handoff, sent, deps);
			assert.deepEqual([done.status, done.postId, done.logged], ['emailed', '<m1@sink>', true]);
			assert.deepEqual((await row(handoff!.key))?.status, 'posted');
			assert.equal(postLog.entries[0]?.status, 'emailed');

			const repeated = await recordHandoff(handoff, sent, deps);
			assert.deepEqual([repeated.logged, repeated.recordError], [false, 'already recorded']);
			assert.equal(postLog.entries.length, 1);
			const [again] = await publishDuePost(job, deps);
			assert.equal(again?.status, 'duplicate', 'a second run sends no second e-mail');
		});

		it('should fail the slot, saying which .env variable to set, when marketing has no address', async () => {
			const [outcome] = await publishDuePost(tiktokJob(), {
				...deps,
				mail: { marketingEmail: ' ', mailFrom: 'Shop <bot@shop.example>' },
			});
			assert.deepEqual(
				[outcome?.status, outcome?.errorCode, outcome?.email],
				['failed', 'EMAIL_ADDRESS_MISSING', null],
			);
			assert.match(String(outcome?.errorMessage), /SWITCHBOARD_MARKETING_EMAIL/);
			assert.doesNotMatch(String(outcome?.errorMessage), /MAILER_SENDER_EMAIL/);
			assert.equal((await row(outcome!.key))?.status, 'failed');
			assert.equal(postLog.entries[0]?.status, 'failed');
		});

		it("should log a failed e-mail as failed, completing the slot's claim", async () => {
			const [handoff] = await publishDuePost(tiktokJob(), deps);
			// The claim's key comes from the promotion and the slot, not from what the item says.
			const { key, ...item } = handoff!;
			const done = await recordHandoff(
				{ ...item, key: 'not-the-key' },
				{ error: 'connect ECONNREFUSED 127.0.0.1:2525' },
				deps,
			);
			assert.equal(done.status, 'failed');
			assert.equal(done.errorCode, 'EMAIL_FAILED');
			assert.match(String(done.errorMessage), /ECONNREFUSED/);
			assert.equal(done.key, key);
			assert.equal((await row(key))?.status, 'failed');
			assert.equal(postLog.entries[0]?.status, 'failed');
		});
	});

	it('should keep the outcome when Directus does not take the log', async () => {
		postLog.fail = new Error('Directus is down');
		const { facebook } = byPlatform(await publishDuePost(makePostJob(), deps));
		assert.equal(facebook?.status, 'posted');
		assert.equal(facebook?.logged, false);
		assert.match(String(facebook?.recordError), /Directus is down/);
		assert.equal((await row(facebook!.key))?.status, 'posted');
	});

	it('should claim nothing for a job that does not fit', async () => {
		const before = (await pool.query('select count(*)::int as n from sb_social_posts')).rows[0];
		await assert.rejects(
			publishDuePost({ ...makePostJob(), slot: 'Monday' }, deps),
			(error: unknown) => error instanceof SocialInputError && error.issues[0]?.field === 'slot',
		);
		const after = (await pool.query('select count(*)::int as n from sb_social_posts')).rows[0];
		assert.deepEqual(after, before);
	});
});
