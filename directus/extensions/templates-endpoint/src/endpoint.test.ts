// The templates endpoint and the WhatsApp templates sync hook, loaded in a real Directus 11 with our
// schema and access, reading the Meta simulator. Boots Directus once: about 15 s (more while the
// extensions are rebuilt).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startContentDirectus, type ContentDirectus } from '@switchboard/glue/testing';
import {
	startSimulator,
	type SimHarness,
	TOKEN,
	WABA_ID,
} from '../../../../simulators/src/meta/test-support.ts';
import { SEEDED_TEMPLATES } from '../../../../simulators/src/meta/seeded-templates.ts';

interface Answer {
	status: number;
	code: string | null;
	message: string | null;
	data: unknown;
	text: string;
}

async function call(
	url: string,
	token: string | null,
	method: string,
	path: string,
	body?: unknown,
): Promise<Answer> {
	const res = await fetch(`${url}${path}`, {
		method,
		headers: {
			...(token ? { authorization: `Bearer ${token}` } : {}),
			'content-type': 'application/json',
		},
		...(body === undefined ? {} : { body: JSON.stringify(body) }),
	});
	const text = await res.text();
	let json: { data?: unknown; errors?: { message?: string; extensions?: { code?: string } }[] } =
		{};
	try {
		json = JSON.parse(text);
	} catch {
		// An HTML page.
	}
	return {
		status: res.status,
		code: json.errors?.[0]?.extensions?.code ?? null,
		message: json.errors?.[0]?.message ?? null,
		data: json.data ?? null,
		text,
	};
}

/** Polls until `probe` returns a value; the test's timeout bounds the wait. */
async function eventually<T>(probe: () => Promise<T | undefined>): Promise<T> {
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

const orderReady = {
	name: 'order_ready',
	language: 'en_US',
	category: 'UTILITY' as const,
	components: [
		{ type: 'BODY' as const, text: 'Hi {{1}}, order {{2}} is ready.' },
		{ type: 'BUTTONS' as const, buttons: [{ type: 'QUICK_REPLY', text: 'Thanks' }] },
	],
};

// The seeded ones but win_back, which this test creates and deletes itself.
const seeded = SEEDED_TEMPLATES.filter((template) => template.name !== 'win_back');

describe('templates endpoint and WhatsApp templates sync in Directus', { timeout: 600_000 }, () => {
	let sim: SimHarness;
	let content: ContentDirectus;
	let marketing: string;
	const admin = () => content.admin.token;
	const as = (token: string | null, method: string, path: string, body?: unknown) =>
		call(content.directus.url, token, method, path, body);
	const approved = (id: string) =>
		as(admin(), 'GET', `/items/whatsapp_approved_templates/${id}`).then((res) =>
			res.status === 200 ? (res.data as { status: string }) : undefined,
		);

	before(async () => {
		// Meta also holds the templates the seed maps (as in production): otherwise the every-2-s sync
		// could mark them deleted while the seed is writing the message templates that use them.
		sim = await startSimulator({
			templates: [...seeded, orderReady, { name: 'win_back', language: 'en_US' }],
		});
		content = await startContentDirectus({
			access: true,
			seed: { clock: { now: () => Date.now() } },
			env: {
				META_GRAPH_URL: sim.url,
				META_WHATSAPP_TOKEN: TOKEN,
				META_WABA_ID: WABA_ID,
				// Every two seconds, so the test sees the scheduler at work.
				WHATSAPP_TEMPLATES_SYNC_SCHEDULE: '*/2 * * * * *',
			},
		});
		marketing = await content.createUser('Marketing editor');
	});
	after(async () => {
		await content?.stop();
		await sim?.close();
	});

	it("should copy Meta's templates on its schedule, and mark one Meta dropped as deleted", async () => {
		const row = await eventually(() => approved('order_ready:en_US'));
		assert.equal(row.status, 'APPROVED');
		await fetch(`${sim.url}/__sim/templates/win_back`, { method: 'DELETE' });
		await eventually(async () =>
			(await approved('win_back:en_US'))?.status === 'DELETED' ? true : undefined,
		);
	});

	it('should sync now for an admin, and refuse anyone else', async () => {
		const now = await as(admin(), 'POST', '/switchboard-templates/whatsapp-sync');
		assert.equal(now.status, 200);
		assert.equal((now.data as { listed: number }).listed, seeded.length + 1);
		const refused = await as(marketing, 'POST', '/switchboard-templates/whatsapp-sync');
		assert.equal(refused.status, 403);
		assert.equal(refused.code, 'FORBIDDEN');
	});

	it('should refuse at save a WhatsApp template whose mapping does not fit the approved one', async () => {
		await eventually(() => approved('order_ready:en_US'));
		const saved = await as(marketing, 'POST', '/items/message_templates', {
			key: 'order_ready_notice',
			language: 'en',
			channel: 'whatsapp_template',
			status: 'published',
			body: 'Hi {{contact.first_name}}, your order is ready.',
			whatsapp_template_name: 'order_ready',
			whatsapp_language_code: 'en_US',
			whatsapp_category: 'UTILITY',
			whatsapp_parameters: [{ component: 'body', position: 1, variable: 'contact.first_name' }],
		});
		assert.equal(saved.status, 400);
		assert.equal(saved.code, 'INVALID_PAYLOAD');
		assert.match(
			saved.message ?? '',
			/The approved template 'order_ready' has 2 body parameters but the mapping fills 1/,
		);
	});

	describe('preview', () => {
		let id: number;
		before(async () => {
			const created = await as(admin(), 'POST', '/items/message_templates', {
				key: 'preview_welcome',
				language: 'en',
				channel: 'whatsapp_session',
				status: 'draft',
				body: 'Hi {{contact.first_name}}, this is {{business.name}}.',
			});
			assert.equal(created.status, 200, created.message ?? '');
			id = (created.data as { id: number }).id;
		});

		it('should fill a template with sample values for a marketer', async () => {
			const res = await as(marketing, 'GET', `/switchboard-templates/preview/${id}`);
			assert.equal(res.status, 200, res.message ?? '');
			const data = res.data as { text: string; filledFrom: string; key: string };
			assert.equal(data.filledFrom, 'samples');
			assert.equal(data.key, 'preview_welcome');
			assert.doesNotMatch(data.text, /\{\{/);
			assert.match(data.text, /^Hi \S+, this is /);
		});

		it('should fill it for a chosen contact and show markup in the name as text', async () => {
			const res = await as(
				marketing,
				'GET',
				`/switchboard-templates/preview/${id}?name=${encodeURIComponent('<b>Ana</b> López')}&format=html`,
			);
			assert.equal(res.status, 200);
			assert.match(res.text, /Hi &lt;b&gt;Ana&lt;\/b&gt;, this is /);
			assert.match(res.text, /the chosen contact/);
		});

		it('should answer 403 to a stranger and for a template that does not exist', async () => {
			assert.equal((await as(null, 'GET', `/switchboard-templates/preview/${id}`)).status, 403);
			const missing = await as(marketing, 'GET', '/switchboard-templates/preview/999999');
			assert.equal(missing.status, 403);
		});

		it('should name a bad query parameter', async () => {
			const res = await as(marketing, 'GET', `/switchboard-templates/preview/${id}?lead=abc`);
			assert.equal(res.status, 400);
			assert.equal(res.code, 'INVALID_QUERY');
			assert.match(res.message ?? '', /lead/);
		});
	});
});
