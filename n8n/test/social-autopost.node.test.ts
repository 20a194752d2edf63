// Social Publisher's Auto-Post operations with the Caption Writer, in-process on n8n-core, against a
// real Directus 11 (schema, access, seed; the log store migrated into its database) and the
// Anthropic and Meta simulators. Boots Directus: about 15 s.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { IDataObject } from 'n8n-workflow';
import { startContentDirectus, type ContentDirectus } from '@switchboard/glue/testing';
import {
	startSimulator as startClaude,
	type TestSimulator,
} from '../../simulators/src/anthropic/testing.ts';
import {
	IG_ID,
	PAGE_ID,
	type SimHarness,
	startSimulator as startMeta,
	TOKEN,
} from '../../simulators/src/meta/test-support.ts';
import { logStoreCredential } from '../../scripts/lib/n8n-provision.ts';
import { runNodes, type TestNode } from './harness.ts';

const MODEL = 'claude-haiku-5-5';

describe('Social Publisher: auto-post', () => {
	let content: ContentDirectus;
	let claude: TestSimulator;
	let meta: SimHarness;
	let promotionIds: Record<string, string>;

	before(async () => {
		[content, claude, meta] = await Promise.all([
			startContentDirectus({ access: true, seed: { clock: { now: () => Date.now() } } }),
			startClaude(),
			startMeta({ publishing: { imageProcessingMs: 0 } }),
		]);
		const promotions = await content.adminApi.call<{ id: number; title: string }[]>(
			'GET',
			'/items/promotions',
			{ params: { fields: ['id', 'title'], limit: -1 } },
		);
		promotionIds = Object.fromEntries(promotions.map(({ id, title }) => [title, String(id)]));
	});
	after(async () => {
		await Promise.all([content?.stop(), claude?.server.close(), meta?.close()]);
	});

	const credentials = () => {
		return {
			switchboardDirectusApi: { url: content.directus.url, token: content.automationToken! },
			switchboardPostgresApi: {
				...logStoreCredential(content.directus.databaseUrl),
				marketingEmail: 'marketing@shop.example',
				mailFrom: 'Shop <switchboard@shop.example>',
			},
			switchboardClaudeApi: {
				apiKey: 'sk-ant-test',
				baseUrl: claude.server.url,
				model: MODEL,
				priceInput: 0.1,
				priceOutput: 0.5,
				priceCacheWrite: 0.125,
				priceCacheRead: 0.01,
			},
			switchboardMetaGraphApi: {
				accessToken: TOKEN,
				appSecret: '',
				pageId: PAGE_ID,
				instagramAccountId: IG_ID,
				apiVersion: 'v23.0',
				baseUrl: meta.url,
			},
		};
	};
	const autoPost = (name: string, parameters: TestNode['parameters']): TestNode => ({
		name,
		type: 'socialPublisher',
		parameters: { resource: 'autoPost', ...parameters },
		credentials: {
			switchboardMetaGraphApi: 'meta',
			switchboardDirectusApi: 'directus',
			switchboardPostgresApi: 'log',
		},
	});
	const findDue = autoPost('Find due posts', { operation: 'findDue', options: {} });
	const captions: TestNode = {
		name: 'Write captions',
		type: 'captionWriter',
		parameters: {
			promotion: '={{ $json.post.promotion }}',
			business: '={{ $json.post.business }}',
			platforms: '={{ $json.post.platforms }}',
			options: { maxRetries: 0 },
		},
		credentials: { switchboardClaudeApi: 'claude' },
	};
	const publish = autoPost('Publish to platforms', {
		operation: 'publish',
		options: { pollIntervalSeconds: 0, maxWaitSeconds: 5 },
	});
	const published = (title: string) => ({
		body: {
			event: 'promotion.published',
			promotionId: Number(promotionIds[title]),
			status: 'published',
		},
	});
	const runChain = (input: IDataObject) =>
		runNodes({ nodes: [findDue, captions, publish], input: [input], credentials: credentials() });
	const logsOf = (title: string) =>
		content.adminApi.call<Record<string, unknown>[]>('GET', '/items/social_post_logs', {
			params: {
				filter: { promotion: { _eq: Number(promotionIds[title]) } },
				fields: ['platform', 'status', 'post_id', 'error_code', 'caption', 'slot'],
				sort: ['id'],
			},
		});
	const ran = (result: Awaited<ReturnType<typeof runNodes>>, node: string) =>
		node in result.run.data.resultData.runData;

	it('should post a published promotion to Facebook and Instagram once, and log both', async () => {
		const title = 'Fibre 500 at half price for 3 months';
		const first = await runChain(published(title));
		assert.equal(first.error, undefined);
		const outcomes = first
			.output('Publish to platforms')
			.map((item) => item.json.outcome as IDataObject);
		assert.deepEqual(
			outcomes.map((outcome) => [outcome.platform, outcome.status, outcome.logged]),
			[
				['facebook', 'posted', true],
				['instagram', 'posted', true],
			],
		);
		assert.equal(outcomes[0]?.slotLabel, 'launch');
		const logs = await logsOf(title);
		assert.deepEqual(
			logs.map((log) => [log.platform, log.status, log.post_id]),
			outcomes.map((outcome) => [outcome.platform, 'posted', outcome.postId]),
		);
		assert.ok(String(logs[0]?.caption).includes('https://northwindfibre.example/offers/fibre-500'));

		const claudeCalls = (await claude.requests('/v1/messages')).length;
		const again = await runChain(published(title));
		assert.equal(again.error, undefined);
		assert.deepEqual(again.output('Find due posts'), []);
		assert.equal(ran(again, 'Write captions'), false, 'no caption is written for a taken slot');
		assert.equal((await claude.requests('/v1/messages')).length, claudeCalls);
		assert.equal((await logsOf(title)).length, 2);
	});

	it('should never post an expired or a draft promotion', async () => {
		const before = meta.sim.ctx.log.list({ method: 'POST' }).length;
		for (const title of ['Summer speed boost', 'Refer a friend, both get $50']) {
			const result = await runChain(published(title));
			assert.equal(result.error, undefined);
			assert.deepEqual(result.output('Find due posts'), [], title);
		}
		assert.equal(meta.sim.ctx.log.list({ method: 'POST' }).length, before);
	});

	it('should hand TikTok to e-mail, then log the e-mail once it went out', async () => {
		const title = 'Free installation this month';
		const result = await runChain(published(title));
		assert.equal(result.error, undefined);
		const items = result
			.output('Publish to platforms')
			.map((item) => item.json.outcome as IDataObject);
		assert.deepEqual(
			items.map((item) => [item.platform, item.status]),
			[
				['facebook', 'posted'],
				['instagram', 'posted'],
				['tiktok', 'handoff'],
			],
		);
		const handoff = items[2]!;
		const email = handoff.email as IDataObject;
		assert.deepEqual(
			[email.to, email.from],
			['marketing@shop.example', 'Shop <switchboard@shop.example>'],
			'the addresses come from the Switchboard log credential',
		);
		assert.match(String(email.text), /northwindfibre\.example\/img/);

		const sent = { accepted: ['marketing@example.com'], rejected: [], messageId: '<t1@sink>' };
		const record = await runNodes({
			nodes: [
				autoPost('Log TikTok e-mail', {
					operation: 'recordHandoff',
					handoff: '={{ $json.handoff }}',
					emailResult: '={{ $json.sent }}',
				}),
			],
			input: [{ handoff, sent }],
			credentials: credentials(),
		});
		assert.equal(record.error, undefined);
		assert.deepEqual(
			[
				(record.output('Log TikTok e-mail')[0]?.json.outcome as IDataObject).status,
				(record.output('Log TikTok e-mail')[0]?.json.outcome as IDataObject).postId,
			],
			['emailed', '<t1@sink>'],
		);
		const logs = await logsOf(title);
		assert.deepEqual(
			logs.map((log) => [log.platform, log.status]),
			[
				['facebook', 'posted'],
				['instagram', 'posted'],
				['tiktok', 'emailed'],
			],
		);
	});

	it('should stop with a clear error on a trigger it cannot read', async () => {
		const result = await runChain({ body: { event: 'promotion.deleted', promotionId: 1 } });
		assert.match(String(result.error?.message), /invalid promotion event: event/);
	});
});
