// Against a real Directus 11 with our schema and access applied: the automation token may create
// social_post_logs entries and cannot read them back. Boots Directus: about 15 s.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ContentDirectus, startContentDirectus } from '../content/setup/testing.ts';
import { createDirectusPostLog, type PostLogEntry } from './post-log.ts';
import { SocialLogError } from './social-log-error.ts';

describe('createDirectusPostLog', () => {
	let content: ContentDirectus;
	let promotionId: string;
	before(async () => {
		content = await startContentDirectus({ access: true });
		const created = await content.adminApi.call<{ id: number }>('POST', '/items/promotions', {
			body: {
				status: 'published',
				title: 'Fibre 500 at half price',
				body: 'Half price for 3 months.',
				starts_at: '2026-11-16T09:00:00',
				ends_at: '2026-12-31T23:59:00',
				platforms: ['facebook'],
			},
		});
		promotionId = String(created.id);
	});
	after(() => content?.stop());

	const entry = (overrides: Partial<PostLogEntry> = {}): PostLogEntry => ({
		promotionId,
		platform: 'instagram',
		slot: new Date('2026-11-23T14:00:00Z'),
		status: 'failed',
		postId: null,
		errorCode: 'META_INSTAGRAM_CONTAINER',
		errorMessage: 'Instagram could not process the image (container ERROR).',
		caption: 'Half price fibre #fibre',
		at: new Date('2026-11-23T14:00:07Z'),
		...overrides,
	});

	it("should write an attempt with n8n's automation token, for marketing to read", async () => {
		const log = createDirectusPostLog({ url: content.admin.url, token: content.automationToken! });
		await log.write(entry());
		await log.write(
			entry({
				platform: 'facebook',
				status: 'posted',
				postId: '1_2',
				errorCode: null,
				errorMessage: null,
			}),
		);
		const items = await content.adminApi.call<Record<string, unknown>[]>(
			'GET',
			'/items/social_post_logs',
			{
				params: {
					sort: ['id'],
					fields: [
						'promotion',
						'platform',
						'slot',
						'status',
						'post_id',
						'error_code',
						'error_message',
						'caption',
						'posted_at',
					],
				},
			},
		);
		assert.equal(items.length, 2);
		assert.deepEqual(items[0], {
			promotion: Number(promotionId),
			platform: 'instagram',
			slot: '2026-11-23T14:00:00.000Z',
			status: 'failed',
			post_id: null,
			error_code: 'META_INSTAGRAM_CONTAINER',
			error_message: 'Instagram could not process the image (container ERROR).',
			caption: 'Half price fibre #fibre',
			posted_at: '2026-11-23T14:00:07.000Z',
		});
		assert.deepEqual(
			[items[1]?.platform, items[1]?.status, items[1]?.post_id],
			['facebook', 'posted', '1_2'],
		);
	});

	it('should throw SocialLogError naming Directus’s refusal', async () => {
		const log = createDirectusPostLog({ url: content.admin.url, token: 'not-a-token' });
		await assert.rejects(
			log.write(entry()),
			(error: unknown) =>
				error instanceof SocialLogError &&
				error.code === 'SOCIAL_LOG_FAILED' &&
				/social_post_logs/.test(error.message),
		);
	});
});
