// Workflow 02 end to end on the real stack: n8n 2.41.0 with our package and the workflow imported and
// published through n8n's CLI and API, Directus 11 (schema, access, seed; the log store in its
// database), the Meta and Anthropic simulators and the SMTP sink. Runs are started the way Directus
// and operators start them: through the workflow's webhooks. Boots n8n and Directus: about a minute.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, afterEach, before, describe, it } from 'node:test';
import { localDateTime, SWITCHBOARD_SECRET_HEADER, wallClock } from '@switchboard/glue/common';
import { connectDirectus, type DirectusApi } from '@switchboard/glue/content';
import { listen, type RunningServer } from '../../simulators/src/common/listen.ts';
import { createMetaSimulator, type MetaSimulator } from '../../simulators/src/meta/index.ts';
import { startSmtpSink, type TestSmtpSink } from '../../simulators/src/smtp/testing.ts';
import { listExecutions, startE2eStack, type E2eStack } from './stack.ts';

const WORKFLOW_ID = 'sbSocialPoster02';
const TIME_ZONE = 'America/New_York'; // the seed's business
const PAGE_ID = '109876543210987';
const IG_ID = '17841400000000001';
const META_TOKEN = 'e2e-page-token';
const MARKETING = 'marketing@example.com';
const DAY = 24 * 3_600_000;

interface LogItem {
	promotion: number;
	platform: string;
	status: string;
	post_id: string | null;
	error_code: string | null;
	error_message: string | null;
	caption: string | null;
	slot: string;
}

/** "sat 14:05" for an instant, on the business's clock. */
function slotOf(instant: number): string {
	const { weekday, hour, minute } = wallClock(instant, TIME_ZONE);
	return `${weekday} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

describe('workflow 02: social media auto-poster, end to end', () => {
	let e2e: E2eStack;
	let metaSim: MetaSimulator;
	let meta: RunningServer;
	let smtp: TestSmtpSink;
	let admin: DirectusApi<object>;
	const hookSecret = randomBytes(24).toString('base64url');
	// A slot two days ago: a run "as of" it posts it, while the live schedule (every 15 minutes)
	// never finds it due, so the real trigger cannot step into these tests.
	const slotAt = Math.floor((Date.now() - 2 * DAY) / 60_000) * 60_000;
	// A slot no run during the test will find due, for promotions posted through events only.
	const quietSlot = slotOf(Date.now() + 3.5 * DAY);

	before(async () => {
		metaSim = createMetaSimulator({
			accessTokens: [{ token: META_TOKEN }],
			publishing: { imageProcessingMs: 0 },
		});
		meta = await listen(metaSim.app);
		smtp = await startSmtpSink();
		e2e = await startE2eStack({
			workflows: ['02-social-media-auto-poster.json'],
			credentials: {
				meta: {
					accessToken: META_TOKEN,
					pageId: PAGE_ID,
					instagramAccountId: IG_ID,
					apiVersion: 'v23.0',
					baseUrl: meta.url,
				},
				smtp: {
					host: '127.0.0.1',
					port: smtp.smtp.port,
					user: 'n8n',
					password: 'sink',
					secure: false,
					disableStartTls: true,
				},
				promotionHookSecret: hookSecret,
			},
		});
		admin = connectDirectus<object>({
			url: e2e.directusUrl,
			token: e2e.stack.directus.adminToken,
		});
		// The seed's live promotions would be posted by any schedule run; these tests make their own.
		const seeded = await admin.call<{ id: number }[]>('GET', '/items/promotions', {
			params: { fields: ['id'], limit: -1 },
		});
		for (const { id } of seeded) {
			await admin.call('PATCH', `/items/promotions/${id}`, { body: { status: 'archived' } });
		}
	});
	after(async () => {
		await e2e?.stop();
		metaSim?.stop();
		await Promise.all([meta?.close(), smtp?.close()]);
	});
	afterEach(async () => {
		await fetch(`${meta.url}/__sim/faults`, { method: 'DELETE' });
		await fetch(`${meta.url}/__sim/config`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ publishing: { quotaTotal: 50 } }),
		});
	});

	let titles = 0;
	/** A promotion in Directus, live from yesterday for ten days, for Facebook and Instagram. */
	async function createPromotion(overrides: Record<string, unknown> = {}): Promise<number> {
		titles += 1;
		const created = await admin.call<{ id: number }>('POST', '/items/promotions', {
			body: {
				status: 'published',
				title: `Fibre deal number ${'ABCDEFGHIJ'[titles % 10]}${titles}`,
				body: 'Switch to Northwind Fibre and get a free router. #fibre',
				image_url: 'https://cdn.example.com/promo/fibre-deal.jpg',
				link: 'https://northwindfibre.example/offers/deal',
				starts_at: localDateTime(Date.now() - DAY, TIME_ZONE),
				ends_at: localDateTime(Date.now() + 10 * DAY, TIME_ZONE),
				platforms: ['facebook', 'instagram'],
				posting_slots: [quietSlot],
				...overrides,
			},
		});
		return created.id;
	}

	const lastExecutionId = async (): Promise<number> => {
		const [newest] = await listExecutions(e2e, { workflowId: WORKFLOW_ID, limit: '1' });
		return Number(newest?.id ?? 0);
	};

	/** Calls one of the workflow's webhooks and waits until the run it started has finished. */
	async function runWorkflow(path: 'promotion' | 'social-run', body: unknown): Promise<void> {
		const before = await lastExecutionId();
		const res = await fetch(`${e2e.stack.n8n.webhookUrl}/webhook/switchboard/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', [SWITCHBOARD_SECRET_HEADER]: hookSecret },
			body: JSON.stringify(body),
		});
		assert.equal(res.status, 200, await res.text());
		for (;;) {
			const data = await listExecutions(e2e, {
				workflowId: WORKFLOW_ID,
				limit: '5',
				includeData: 'false',
			});
			const run = data.find(
				(execution) => Number(execution.id) > before && execution.mode === 'webhook',
			);
			if (run && !['new', 'running', 'waiting'].includes(run.status)) {
				assert.equal(run.status, 'success', `execution ${run.id} ended ${run.status}`);
				return;
			}
			await sleep(250);
		}
	}
	const published = (promotionId: number) =>
		runWorkflow('promotion', {
			event: 'promotion.published',
			promotionId,
			status: 'published',
			at: new Date().toISOString(),
		});
	const logsOf = (promotionId: number) =>
		admin.call<LogItem[]>('GET', '/items/social_post_logs', {
			params: {
				filter: { promotion: { _eq: promotionId } },
				fields: [
					'promotion',
					'platform',
					'status',
					'post_id',
					'error_code',
					'error_message',
					'caption',
					'slot',
				],
				sort: ['id'],
			},
		});
	const metaPosts = (pattern: RegExp) =>
		metaSim.ctx.log.list({ method: 'POST' }).filter((request) => pattern.test(request.path));
	const claudeCalls = async () =>
		(
			(await (
				await fetch(`${e2e.anthropic.url}/__sim/requests?path=/v1/messages`)
			).json()) as unknown[]
		).length;

	it('should post a due promotion to both platforms and log both, and post nothing when the slot runs again', async () => {
		const promotion = await createPromotion({
			starts_at: localDateTime(slotAt - DAY, TIME_ZONE),
			posting_slots: [slotOf(slotAt)],
		});
		const expired = await createPromotion({
			starts_at: localDateTime(slotAt - 5 * DAY, TIME_ZONE),
			ends_at: localDateTime(Date.now() - 3_600_000, TIME_ZONE),
			posting_slots: [slotOf(slotAt)],
		});
		const draft = await createPromotion({
			status: 'draft',
			starts_at: localDateTime(slotAt - DAY, TIME_ZONE),
			posting_slots: [slotOf(slotAt)],
		});
		const at = new Date(slotAt).toISOString();

		await runWorkflow('social-run', { at });
		const logs = await logsOf(promotion);
		assert.deepEqual(
			logs.map((log) => [log.platform, log.status, log.slot]),
			[
				['facebook', 'posted', at],
				['instagram', 'posted', at],
			],
		);
		assert.match(String(logs[0]?.post_id), new RegExp(`^${PAGE_ID}_\\d+$`));
		assert.ok(logs[1]?.post_id);
		assert.match(String(logs[0]?.caption), /northwindfibre\.example\/offers\/deal/);
		assert.ok(String(logs[1]?.caption).length <= 2200);
		const { rows } = await e2e.pool.query(
			'select platform, status, post_id from sb_social_posts where promotion_id = $1 order by platform',
			[String(promotion)],
		);
		assert.deepEqual(
			rows,
			logs.map((log) => ({ platform: log.platform, status: 'posted', post_id: log.post_id })),
		);
		assert.deepEqual(await logsOf(expired), [], 'an expired promotion is never posted');
		assert.deepEqual(await logsOf(draft), [], 'a draft promotion is never posted');

		const posts = metaSim.ctx.log.list({ method: 'POST' }).length;
		const calls = await claudeCalls();
		await runWorkflow('social-run', { at });
		assert.equal(metaSim.ctx.log.list({ method: 'POST' }).length, posts, 'nothing posted again');
		assert.equal(await claudeCalls(), calls, 'no caption written for a slot already posted');
		assert.equal((await logsOf(promotion)).length, 2);
	});

	it('should post a promotion without slots of its own at the default slots marketing set in Business info', async () => {
		// Two hours before the other slot tests' slot, so neither run finds the other's due.
		const defaultAt = slotAt - 2 * 3_600_000;
		await admin.call('PATCH', '/items/business_info', {
			body: { default_posting_slots: [slotOf(defaultAt)] },
		});
		try {
			const promotion = await createPromotion({
				starts_at: localDateTime(defaultAt - DAY, TIME_ZONE),
				posting_slots: [],
			});
			const at = new Date(defaultAt).toISOString();
			await runWorkflow('social-run', { at });
			assert.deepEqual(
				(await logsOf(promotion)).map((log) => [log.platform, log.status, log.slot]),
				[
					['facebook', 'posted', at],
					['instagram', 'posted', at],
				],
			);
		} finally {
			await admin.call('PATCH', '/items/business_info', {
				body: { default_posting_slots: ['mon 09:00', 'thu 09:00'] },
			});
		}
	});

	it('should never post a draft or an expired promotion when Directus reports it published', async () => {
		const draft = await createPromotion({ status: 'draft' });
		const expired = await createPromotion({
			starts_at: localDateTime(Date.now() - 10 * DAY, TIME_ZONE),
			ends_at: localDateTime(Date.now() - DAY, TIME_ZONE),
		});
		const posts = metaSim.ctx.log.list({ method: 'POST' }).length;
		await published(draft);
		await published(expired);
		await runWorkflow('promotion', {
			event: 'promotion.changed',
			promotionId: draft,
			status: 'draft',
		});
		assert.equal(metaSim.ctx.log.list({ method: 'POST' }).length, posts);
		assert.deepEqual([...(await logsOf(draft)), ...(await logsOf(expired))], []);
	});

	it('should log an Instagram container in ERROR and still post to Facebook', async () => {
		const promotion = await createPromotion({
			image_url: 'https://cdn.example.com/promo/deal.png',
		});
		await published(promotion);
		const logs = await logsOf(promotion);
		assert.deepEqual(
			logs.map((log) => [log.platform, log.status, log.error_code]),
			[
				['facebook', 'posted', null],
				['instagram', 'failed', 'META_INSTAGRAM_CONTAINER'],
			],
		);
		assert.match(String(logs[1]?.error_message), /container ERROR.*JPEG/);
	});

	it('should log an exhausted Instagram quota without creating a container, and still post to Facebook', async () => {
		await fetch(`${meta.url}/__sim/config`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ publishing: { quotaTotal: 0 } }),
		});
		const containers = metaPosts(/\/media$/).length;
		const promotion = await createPromotion();
		await published(promotion);
		const logs = await logsOf(promotion);
		assert.deepEqual(
			logs.map((log) => [log.platform, log.status, log.error_code]),
			[
				['facebook', 'posted', null],
				['instagram', 'failed', 'META_INSTAGRAM_PUBLISH_LIMIT'],
			],
		);
		assert.match(String(logs[1]?.error_message), /24-hour publishing limit is used up/);
		assert.equal(metaPosts(/\/media$/).length, containers);
	});

	it('should log an Instagram caption still over the limit, and still post to Facebook', async () => {
		const promotion = await createPromotion();
		const tooLong = { caption: 'Fibre for everyone. '.repeat(130).trim(), hashtags: ['fibre'] };
		await fetch(`${e2e.anthropic.url}/__sim/script`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify([
				{
					json: {
						facebook: {
							caption: 'A free router when you switch.',
							hashtags: [],
							link_included: false,
						},
						instagram: tooLong,
					},
				},
				{ json: { instagram: tooLong } },
			]),
		});
		await published(promotion);
		const logs = await logsOf(promotion);
		assert.deepEqual(
			logs.map((log) => [log.platform, log.status, log.error_code]),
			[
				['facebook', 'posted', null],
				['instagram', 'failed', 'CAPTION_OVER_LIMIT'],
			],
		);
		assert.match(String(logs[1]?.error_message), /Instagram caption is over the limit/);
	});

	it('should log an expired token (190) on Facebook, and still publish to Instagram', async () => {
		await fetch(`${meta.url}/__sim/faults`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				method: 'POST',
				path: `/v23.0/${PAGE_ID}/photos`,
				status: 401,
				times: 1,
				body: {
					error: {
						message: 'Error validating access token: Session has expired on Sunday, 22-Nov-26.',
						type: 'OAuthException',
						code: 190,
						error_subcode: 463,
						fbtrace_id: 'E2eTrace',
					},
				},
			}),
		});
		const promotion = await createPromotion();
		await published(promotion);
		const logs = await logsOf(promotion);
		assert.deepEqual(
			logs.map((log) => [log.platform, log.status, log.error_code]),
			[
				['facebook', 'failed', '190/463'],
				['instagram', 'posted', null],
			],
		);
		assert.match(String(logs[0]?.error_message), /renew the Page token/);
	});

	it('should e-mail the TikTok caption and media link to marketing, and log it as emailed', async () => {
		const promotion = await createPromotion({ platforms: ['facebook', 'tiktok'] });
		await published(promotion);
		const logs = await logsOf(promotion);
		assert.deepEqual(
			logs.map((log) => [log.platform, log.status]),
			[
				['facebook', 'posted'],
				['tiktok', 'emailed'],
			],
		);
		const mails = smtp.sink.store.list({ to: MARKETING });
		assert.equal(mails.length, 1);
		const [mail] = mails;
		// Both addresses come from the Switchboard log credential (SWITCHBOARD_MARKETING_EMAIL and
		// MAILER_SENDER_EMAIL in production), not from the workflow.
		assert.equal(mail?.envelope.from, 'switchboard@example.com');
		assert.match(String(mail?.subject), /^TikTok post to publish: Fibre deal number/);
		assert.match(String(mail?.text), /Media: https:\/\/cdn\.example\.com\/promo\/fibre-deal\.jpg/);
		const text = String(mail?.text).replace(/\r\n/g, '\n');
		assert.ok(text.includes(String(logs[1]?.caption)), `the caption that was logged, in:\n${text}`);
		assert.equal(logs[1]?.post_id, mail?.messageId);
		await published(promotion);
		assert.equal(smtp.sink.store.list({ to: MARKETING }).length, 1, 'no second e-mail');
		assert.equal((await logsOf(promotion)).length, 2, 'a repeated event posts nothing');
	});

	it('should refuse a webhook call without the shared secret', async () => {
		const res = await fetch(`${e2e.stack.n8n.webhookUrl}/webhook/switchboard/social-run`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{}',
		});
		assert.equal(res.status, 403);
		await res.arrayBuffer();
	});
});
