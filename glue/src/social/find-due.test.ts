// The content reader is the seam here (it has its own tests against a real Directus); the log store
// is the real PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import type { BusinessInfo, Promotion } from '../content/schemas.ts';
import { claimSocialPost } from '../log-store/repository.ts';
import { migrate } from '../log-store/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../log-store/test-database.ts';
import { findDuePosts, type FindDueDeps } from './find-due.ts';
import { SocialConfigError } from './social-config-error.ts';
import { makeSocialPromotion } from './test-support.ts';

// Monday 23 November 2026, 09:05 in New York.
const NOW = Date.parse('2026-11-23T14:05:00Z');
const business: BusinessInfo = {
	name: 'Northwind Fibre',
	timeZone: 'America/New_York',
	openingHours: {},
	address: null,
	contacts: null,
	toneOfVoice: 'Warm and brief.',
	defaultPostingSlots: [],
};
const live = (overrides: Partial<Promotion> = {}) =>
	makeSocialPromotion({
		startsAt: '2026-11-16T09:00:00-05:00',
		endsAt: '2026-12-31T23:59:00-05:00',
		...overrides,
	});

describe('findDuePosts', () => {
	let database: TestDatabase;
	let pool: pg.Pool;
	before(async () => {
		database = await createTestDatabase();
		pool = database.pool();
		await migrate(pool);
	});
	after(() => database.drop());

	const deps = (
		promotions: Promotion[],
		overrides: Partial<FindDueDeps> = {},
		defaultPostingSlots: string[] = [],
	): FindDueDeps => ({
		content: {
			businessInfo: async () => ({ ...business, defaultPostingSlots }),
			livePromotions: async () => promotions,
		},
		db: pool,
		now: () => NOW,
		...overrides,
	});

	it('should emit the due promotion with its slot, business and platforms to post', async () => {
		const promotion = live({ platforms: ['facebook', 'instagram', 'tiktok'] });
		const { posts, trigger } = await findDuePosts({}, deps([promotion]));
		assert.deepEqual(trigger, { kind: 'schedule', at: null });
		assert.equal(posts.length, 1);
		assert.deepEqual(
			{ ...posts[0], promotion: posts[0]?.promotion.id },
			{
				trigger: 'schedule',
				reason: 'slot',
				slot: '2026-11-23T14:00:00.000Z',
				slotLocal: '2026-11-23T09:00:00-05:00',
				slotLabel: 'mon 09:00',
				promotion: promotion.id,
				business: {
					name: 'Northwind Fibre',
					timeZone: 'America/New_York',
					toneOfVoice: 'Warm and brief.',
				},
				platforms: ['facebook', 'instagram', 'tiktok'],
				alreadyClaimed: [],
			},
		);
	});

	it('should leave out platforms already claimed, and the promotion once all are', async () => {
		const promotion = live();
		const slot = new Date('2026-11-23T14:00:00Z');
		await claimSocialPost(pool, { promotionId: promotion.id, platform: 'facebook', slot });
		const partly = await findDuePosts({}, deps([promotion]));
		assert.deepEqual(partly.posts[0]?.platforms, ['instagram']);
		assert.deepEqual(partly.posts[0]?.alreadyClaimed, [
			{ platform: 'facebook', status: 'pending', postId: null },
		]);
		await claimSocialPost(pool, { promotionId: promotion.id, platform: 'instagram', slot });
		assert.deepEqual((await findDuePosts({}, deps([promotion]))).posts, []);
	});

	it('should give each due promotion its own claims, read in one query for all', async () => {
		const claimed = live();
		const fresh = live();
		const slot = new Date('2026-11-23T14:00:00Z');
		await claimSocialPost(pool, { promotionId: claimed.id, platform: 'instagram', slot });
		const queries: string[] = [];
		const db = {
			query: (text: string, values?: unknown[]) => {
				queries.push(text);
				return pool.query(text, values);
			},
		};
		const { posts } = await findDuePosts({}, deps([claimed, fresh], { db }));
		assert.deepEqual(
			posts.map((post) => [post.promotion.id, post.platforms, post.alreadyClaimed.length]),
			[
				[claimed.id, ['facebook'], 1],
				[fresh.id, ['facebook', 'instagram'], 0],
			],
		);
		assert.equal(queries.length, 1);
	});

	it('should post promotions without slots at the default slots marketing set in Business info', async () => {
		const promotion = live();
		const atNine = await findDuePosts({}, deps([promotion], {}, ['mon 09:00']));
		assert.deepEqual(
			atNine.posts.map((post) => post.slotLabel),
			['mon 09:00'],
		);
		const tuesday = deps([promotion], {}, ['tue 10:00']);
		assert.deepEqual((await findDuePosts({}, tuesday)).posts, []);
	});

	it('should refuse an unreadable default slot, naming it and where to fix it, but still post on publish', async () => {
		const promotion = live();
		const typo = (overrides: Partial<FindDueDeps> = {}) =>
			deps([promotion], overrides, ['mon 9am']);
		await assert.rejects(
			findDuePosts({}, typo()),
			(error: unknown) =>
				error instanceof SocialConfigError &&
				/"mon 9am"/.test(error.message) &&
				/Business info \(default_posting_slots\)/.test(error.message),
		);
		const event = { event: 'promotion.published', promotionId: Number(promotion.id) };
		const { posts } = await findDuePosts(event, typo({ now: () => NOW + 3 * 3_600_000 }));
		assert.equal(posts.length, 1);
	});

	it('should post a published promotion under its launch slot', async () => {
		const promotion = live();
		const event = { event: 'promotion.published', promotionId: Number(promotion.id) };
		const later = deps([promotion], { now: () => NOW + 3 * 3_600_000 });
		const { posts } = await findDuePosts(event, later);
		assert.deepEqual(
			posts.map((post) => [post.reason, post.slotLabel, post.slot]),
			[['published', 'launch', '2026-11-16T14:00:00.000Z']],
		);
	});

	it('should read nothing for a changed promotion', async () => {
		const content = {
			businessInfo: () => Promise.reject(new Error('not read')),
			livePromotions: () => Promise.reject(new Error('not read')),
		};
		const result = await findDuePosts(
			{ event: 'promotion.changed', promotionId: 3 },
			{ ...deps([]), content },
		);
		assert.deepEqual(result.posts, []);
	});
});
