// Our Directus extensions (directus/extensions/) on a real Directus 11: the promotions hook, with
// the schema, access and demo seed applied.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { localDateTime } from '../../common/zoned-time.ts';
import { requestAs, startContentDirectus, type ContentDirectus } from './testing.ts';

const SECRET = 'test-webhook-secret-ünïcode';
const TIME_ZONE = 'America/New_York';
const day = 24 * 3_600_000;

interface Received {
	headers: Record<string, string | string[] | undefined>;
	body: string;
	json: { event: string; promotionId: string; status: string; at: string };
}

/** Stands in for n8n's Webhook node: records every POST, and answers 503 while told to fail. */
async function startReceiver() {
	const received: Received[] = [];
	let failing = 0;
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			received.push({ headers: req.headers, body, json: JSON.parse(body) as Received['json'] });
			if (failing > 0) {
				failing--;
				res.writeHead(503).end();
			} else {
				res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
			}
		});
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const { port } = server.address() as { port: number };
	return {
		url: `http://127.0.0.1:${port}/webhook/promotions`,
		received,
		failNext(times: number) {
			failing = times;
		},
		/** Resolves with the requests about a promotion once `count` arrived (the test's timeout bounds it). */
		async waitFor(promotionId: string, count = 1): Promise<Received[]> {
			for (;;) {
				const matching = received.filter((request) => request.json.promotionId === promotionId);
				if (matching.length >= count) return matching;
				await new Promise((done) => setTimeout(done, 50));
			}
		},
		close: () => new Promise<void>((done) => server.close(() => done())),
	};
}

/** A valid promotion, live now in the seed's time zone; override what a test is about. */
function promotion(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		status: 'draft',
		title: 'Test offer',
		body: 'Fibre 1000 for the price of Fibre 500. #fibre',
		image_url: 'https://northwindfibre.example/img/test.jpg',
		starts_at: localDateTime(Date.now() - day, TIME_ZONE),
		ends_at: localDateTime(Date.now() + 10 * day, TIME_ZONE),
		platforms: ['facebook', 'instagram'],
		posting_slots: ['mon 09:00'],
		department: 'sales',
		...overrides,
	};
}

describe('directus extensions', () => {
	let cms: ContentDirectus;
	let receiver: Awaited<ReturnType<typeof startReceiver>>;
	let editor: { url: string; token: string };

	before(async () => {
		receiver = await startReceiver();
		cms = await startContentDirectus({
			access: true,
			seed: { clock: { now: () => Date.now() } },
			env: {
				SWITCHBOARD_PROMOTION_WEBHOOK_URL: receiver.url,
				SWITCHBOARD_PROMOTION_WEBHOOK_SECRET: SECRET,
			},
		});
		editor = { url: cms.admin.url, token: await cms.createUser('Marketing editor') };
	});
	after(async () => {
		await cms?.stop();
		await receiver?.close();
	});

	const create = async (body: Record<string, unknown>) => {
		const res = await requestAs(editor, 'POST', '/items/promotions', body);
		return { ...res, id: String((res.data as { id?: number } | null)?.id ?? '') };
	};

	describe('promotions hook: checks', () => {
		it('should refuse a promotion that ends before it starts, naming the field', async () => {
			const before = await requestAs(cms.admin, 'GET', '/items/promotions?aggregate[count]=id');
			const res = await create(
				promotion({ starts_at: '2026-05-10T09:00:00', ends_at: '2026-05-01T09:00:00' }),
			);
			assert.equal(res.status, 400);
			assert.equal(res.code, 'INVALID_PAYLOAD');
			assert.match(res.message!, /"ends_at" must be after "starts_at"/);
			assert.match(res.message!, /2026-05-01T09:00:00.*before it starts.*2026-05-10T09:00:00/);
			const afterwards = await requestAs(cms.admin, 'GET', '/items/promotions?aggregate[count]=id');
			assert.deepEqual(afterwards.data, before.data);
		});

		it('should refuse an edit that moves only the end before the saved start', async () => {
			const { id } = await create(promotion());
			const res = await requestAs(editor, 'PATCH', `/items/promotions/${id}`, {
				ends_at: localDateTime(Date.now() - 2 * day, TIME_ZONE),
			});
			assert.equal(res.code, 'INVALID_PAYLOAD');
			assert.match(res.message!, new RegExp(`Promotion ${id}: "ends_at" must be after`));
		});

		it("should refuse a body over Instagram's caption limits", async () => {
			const tags = Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(' ');
			const res = await create(promotion({ body: `Great offer ${tags}` }));
			assert.equal(res.status, 400);
			assert.match(res.message!, /"body" has 31 hashtags; an Instagram caption allows at most 30/);
			const long = await create(promotion({ body: 'é'.repeat(2201) }));
			assert.match(long.message!, /"body" has 2201 characters/);
		});

		it('should refuse unknown platforms and posting slots the poster cannot read', async () => {
			const res = await create(
				promotion({ platforms: ['facebook', 'myspace'], posting_slots: ['Monday 9am'] }),
			);
			assert.equal(res.status, 400);
			assert.match(
				res.message!,
				/"platforms" has "myspace", which is not one of facebook, instagram, tiktok/,
			);
			assert.match(
				res.message!,
				/"posting_slots" has "Monday 9am"; write each slot .* "mon 09:00"/,
			);
		});

		it('should refuse to publish on Instagram without a picture', async () => {
			const res = await create(promotion({ status: 'published', image_url: null }));
			assert.equal(res.status, 400);
			assert.match(res.message!, /"image" is needed to publish on Instagram/);
			const facebookOnly = await create(
				promotion({ status: 'published', image_url: null, platforms: ['facebook'] }),
			);
			assert.equal(facebookOnly.status, 200, facebookOnly.message ?? '');
		});
	});

	describe("promotions hook: Business info's default posting slots", () => {
		const slots = async () =>
			(
				(await requestAs(cms.admin, 'GET', '/items/business_info?fields=default_posting_slots'))
					.data as { default_posting_slots: unknown }
			).default_posting_slots;

		it('should refuse default slots the poster cannot read, naming the slot, and keep the saved ones', async () => {
			const saved = await slots();
			const res = await requestAs(editor, 'PATCH', '/items/business_info', {
				default_posting_slots: ['mon 09:00', 'Thursday 6pm'],
			});
			assert.equal(res.status, 400);
			assert.equal(res.code, 'INVALID_PAYLOAD');
			assert.match(
				res.message!,
				/Business info: "default_posting_slots" has "Thursday 6pm"; write each slot as a weekday and a 24-hour time, e\.g\. "mon 09:00"/,
			);
			assert.doesNotMatch(res.message!, /"mon 09:00";/, 'only the bad slot is named');
			assert.deepEqual(await slots(), saved, 'nothing was saved');
		});

		it('should save readable default slots, and an empty list', async () => {
			const res = await requestAs(editor, 'PATCH', '/items/business_info', {
				default_posting_slots: ['tue 10:30', 'Friday 18:00'],
			});
			assert.equal(res.status, 200, res.message ?? '');
			assert.deepEqual(await slots(), ['tue 10:30', 'Friday 18:00']);
			const empty = await requestAs(editor, 'PATCH', '/items/business_info', {
				default_posting_slots: [],
			});
			assert.equal(empty.status, 200, empty.message ?? '');
		});
	});

	describe('promotions hook: telling n8n', () => {
		it('should send promotion.published with the shared secret when a promotion is created published', async () => {
			const res = await create(promotion({ status: 'published', title: 'Signed offer' }));
			assert.equal(res.status, 200, res.message ?? '');
			const [request] = await receiver.waitFor(res.id);
			assert.equal(request!.headers['x-switchboard-secret'], SECRET);
			assert.equal(request!.headers['x-switchboard-signature'], undefined, 'nothing checks one');
			assert.equal(request!.headers['content-type'], 'application/json');
			const { at, ...rest } = request!.json;
			assert.deepEqual(rest, {
				event: 'promotion.published',
				promotionId: res.id,
				status: 'published',
			});
			assert.ok(Math.abs(Date.parse(at) - Date.now()) < 60_000, at);
		});

		it('should say nothing about drafts, then promotion.published when one is published', async () => {
			const draft = await create(promotion({ title: 'Quiet draft' }));
			await requestAs(editor, 'PATCH', `/items/promotions/${draft.id}`, { title: 'Still a draft' });
			await requestAs(editor, 'PATCH', `/items/promotions/${draft.id}`, { status: 'published' });
			const requests = await receiver.waitFor(draft.id);
			assert.deepEqual(
				requests.map((request) => request.json.event),
				['promotion.published'],
			);
		});

		it('should send promotion.changed for an edit of a published promotion, retrying when n8n fails', async () => {
			const published = await create(promotion({ status: 'published' }));
			await receiver.waitFor(published.id);
			receiver.failNext(1);
			const edit = await requestAs(editor, 'PATCH', `/items/promotions/${published.id}`, {
				title: 'Now even better',
			});
			// The save is not held up by n8n answering 503.
			assert.equal(edit.status, 200);
			const requests = await receiver.waitFor(published.id, 3);
			const [, failed, retried] = requests;
			assert.equal(failed!.json.event, 'promotion.changed');
			assert.equal(retried!.body, failed!.body);
			assert.equal(retried!.headers['x-switchboard-secret'], SECRET);
		});

		it('should send promotion.changed when a published promotion is archived', async () => {
			const published = await create(promotion({ status: 'published' }));
			await receiver.waitFor(published.id);
			await requestAs(editor, 'PATCH', `/items/promotions/${published.id}`, { status: 'archived' });
			const [, archived] = await receiver.waitFor(published.id, 2);
			assert.equal(archived!.json.event, 'promotion.changed');
			assert.equal(archived!.json.status, 'archived');
		});
	});
});
