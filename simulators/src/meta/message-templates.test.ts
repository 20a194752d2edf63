import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TemplateDefinitionInput } from './config.ts';
import {
	CUSTOMER,
	type GraphResponse,
	PHONE_ID,
	type SimHarness,
	useSimulatorPerTest,
	WABA_ID,
} from './test-support.ts';

const TEMPLATES = `/v25.0/${WABA_ID}/message_templates`;
const MESSAGES = `/v25.0/${PHONE_ID}/messages`;

function makeTemplate(overrides: Partial<TemplateDefinitionInput> = {}): TemplateDefinitionInput {
	return {
		name: 'order_ready',
		language: 'en_US',
		category: 'UTILITY',
		components: [
			{ type: 'HEADER', format: 'TEXT', text: 'Order {{1}}' },
			{ type: 'BODY', text: 'Hi {{1}}, order {{2}} is ready.' },
			{
				type: 'BUTTONS',
				buttons: [
					{ type: 'URL', text: 'Track', url: 'https://example.com/t/{{1}}' },
					{ type: 'QUICK_REPLY', text: 'Stop' },
				],
			},
		],
		...overrides,
	};
}

const text = (value: string) => ({ type: 'text', text: value });

function templateSend(components: unknown[], name = 'order_ready', code = 'en_US') {
	return {
		messaging_product: 'whatsapp',
		to: `+${CUSTOMER}`,
		type: 'template',
		template: { name, language: { code }, components },
	};
}

const fullComponents = () => [
	{ type: 'header', parameters: [text('A-1')] },
	{ type: 'body', parameters: [text('Pablo'), text('A-1')] },
	{ type: 'button', sub_type: 'url', index: '0', parameters: [text('A-1')] },
];

interface ErrorBody {
	message: string;
	type: string;
	code: number;
	error_data: { messaging_product: string; details: string };
	fbtrace_id: string;
}

const errorOf = (res: GraphResponse) => res.body.error as unknown as ErrorBody;

describe('meta simulator: message templates', { timeout: 20_000 }, () => {
	const suite = useSimulatorPerTest();
	const names = (sim: SimHarness, query = '') =>
		sim
			.graph('GET', `${TEMPLATES}${query}`)
			.then((res) =>
				(res.body.data as { name: string; language: string }[]).map(
					(t) => `${t.name}:${t.language}`,
				),
			);

	describe('GET /{waba-id}/message_templates', () => {
		it("should list the seeded templates with Meta's fields, id last", async () => {
			const sim = await suite.start();
			const res = await sim.graph('GET', TEMPLATES);
			assert.equal(res.status, 200);
			const data = res.body.data as Record<string, unknown>[];
			const hello = data.find((t) => t.name === 'hello_world');
			assert.deepEqual(Object.keys(hello ?? {}), [
				'name',
				'parameter_format',
				'components',
				'language',
				'status',
				'category',
				'id',
			]);
			assert.match(String(hello?.id), /^\d{16}$/);
			const statuses = new Set(data.map((t) => t.status));
			assert.deepEqual([...statuses].sort(), ['APPROVED', 'PENDING', 'REJECTED']);
			assert.equal((res.body.paging as { next?: string }).next, undefined);
		});

		it('should filter on status and category, and give only the fields asked for', async () => {
			const sim = await suite.start();
			assert.deepEqual(await names(sim, '?status=REJECTED'), ['win_back:en_US']);
			assert.deepEqual(await names(sim, '?category=marketing&status=APPROVED'), [
				'fibre_offer:en_US',
			]);
			const res = await sim.graph('GET', `${TEMPLATES}?fields=name,status&name=hello`);
			assert.deepEqual(Object.keys((res.body.data as object[])[0] ?? {}), ['name', 'status', 'id']);
		});

		it('should page with limit and the after cursor until no next link is given', async () => {
			const sim = await suite.start();
			const all = await names(sim);
			const seen: string[] = [];
			let query = '?limit=2';
			for (let pages = 0; pages < 10; pages++) {
				const res = await sim.graph('GET', `${TEMPLATES}${query}`);
				const data = res.body.data as { name: string; language: string }[];
				seen.push(...data.map((t) => `${t.name}:${t.language}`));
				const paging = res.body.paging as { cursors: { after: string }; next?: string };
				assert.ok(data.length <= 2);
				if (!paging.next) break;
				const next = new URL(paging.next);
				assert.equal(next.pathname, TEMPLATES);
				assert.equal(next.searchParams.get('after'), paging.cursors.after);
				query = `?limit=2&after=${paging.cursors.after}`;
			}
			assert.deepEqual(seen, all);
			assert.ok(all.length > 2);
		});

		it('should answer #100 for a cursor it never gave', async () => {
			const sim = await suite.start();
			const res = await sim.graph('GET', `${TEMPLATES}?after=!!`);
			assert.equal(res.status, 400);
			assert.equal(errorOf(res).code, 100);
		});
	});

	describe('admin /__sim/templates', () => {
		it('should add a template, change its status, and delete it', async () => {
			const sim = await suite.start();
			const added = await sim.admin('/templates', makeTemplate({ status: 'PENDING' }));
			assert.equal(added.status, 201);
			assert.deepEqual(await names(sim, '?name=order_ready&status=PENDING'), ['order_ready:en_US']);
			const changed = await sim.admin('/templates', makeTemplate());
			assert.equal(changed.status, 200);
			assert.equal(changed.body.id, added.body.id);
			assert.deepEqual(await names(sim, '?name=order_ready&status=APPROVED'), [
				'order_ready:en_US',
			]);
			const gone = await fetch(`${sim.url}/__sim/templates/order_ready?language=en_US`, {
				method: 'DELETE',
			});
			assert.equal(gone.status, 200);
			assert.deepEqual(await names(sim, '?name=order_ready'), []);
		});

		it('should tell the webhook when Meta approves a pending template', async () => {
			const sim = await suite.start({ templates: [makeTemplate({ status: 'PENDING' })] });
			await sim.admin('/templates', makeTemplate({ status: 'APPROVED' }));
			const [webhook] = await suite.receiver.waitFor(1);
			assert.ok(webhook?.verified);
			const change = webhook?.body.entry[0]?.changes?.[0];
			assert.equal(webhook?.body.entry[0]?.id, WABA_ID);
			assert.equal(change?.field, 'message_template_status_update');
			assert.deepEqual(
				{ ...change?.value, message_template_id: undefined },
				{
					event: 'APPROVED',
					message_template_id: undefined,
					message_template_name: 'order_ready',
					message_template_language: 'en_US',
					reason: 'NONE',
				},
			);
		});

		it('should refuse a template without a name', async () => {
			const sim = await suite.start();
			assert.equal((await sim.admin('/templates', { language: 'en_US' })).status, 400);
		});
	});

	describe('POST /{phone-number-id}/messages type template', () => {
		const start = () => suite.start({ templates: [makeTemplate()] });

		it('should accept a send that fills the header, the body and the link button', async () => {
			const sim = await start();
			const res = await sim.graph('POST', MESSAGES, templateSend(fullComponents()));
			assert.equal(res.status, 200);
		});

		it("should answer 400 #132000 with Meta's body when the body has too few parameters", async () => {
			const sim = await start();
			const components = fullComponents();
			components[1] = { type: 'body', parameters: [text('Pablo')] };
			const res = await sim.graph('POST', MESSAGES, templateSend(components));
			assert.equal(res.status, 400);
			const error = errorOf(res);
			assert.equal(error.code, 132000);
			assert.equal(error.type, 'OAuthException');
			assert.equal(
				error.message,
				'(#132000) Number of parameters does not match the expected number of params',
			);
			assert.deepEqual(error.error_data, {
				messaging_product: 'whatsapp',
				details:
					'body: number of localizable_params (1) does not match the expected number of params (2)',
			});
			assert.match(error.fbtrace_id, /\S/);
		});

		it('should answer #132000 for a missing header and a missing link button', async () => {
			const sim = await start();
			const noHeader = fullComponents().slice(1);
			const header = await sim.graph('POST', MESSAGES, templateSend(noHeader));
			assert.match(errorOf(header).error_data.details, /^header: .*\(0\).*\(1\)$/);
			const noButton = fullComponents().slice(0, 2);
			const button = await sim.graph('POST', MESSAGES, templateSend(noButton));
			assert.equal(errorOf(button).code, 132000);
			assert.match(errorOf(button).error_data.details, /^button at index 0 \(URL\)/);
		});

		it('should answer 404 #132001 when the name or the language does not exist', async () => {
			const sim = await start();
			const res = await sim.graph('POST', MESSAGES, templateSend([], 'order_ready', 'es'));
			assert.equal(res.status, 404);
			const error = errorOf(res);
			assert.equal(error.code, 132001);
			assert.equal(error.message, '(#132001) Template name does not exist in the translation');
			assert.equal(error.error_data.details, 'template name (order_ready) does not exist in es');
		});

		it('should refuse a template paused since, with #132015', async () => {
			const sim = await start();
			await sim.admin('/templates', makeTemplate({ status: 'PAUSED' }));
			const res = await sim.graph('POST', MESSAGES, templateSend(fullComponents()));
			assert.equal(errorOf(res).code, 132015);
		});

		it('should want each named parameter by its name', async () => {
			const sim = await suite.start({
				templates: [
					makeTemplate({
						parameter_format: 'NAMED',
						components: [{ type: 'BODY', text: 'Hi {{first_name}}' }],
					}),
				],
			});
			const unnamed = [{ type: 'body', parameters: [text('Pablo')] }];
			const refused = await sim.graph('POST', MESSAGES, templateSend(unnamed));
			assert.equal(errorOf(refused).code, 132000);
			const named = [
				{ type: 'body', parameters: [{ ...text('Pablo'), parameter_name: 'first_name' }] },
			];
			assert.equal((await sim.graph('POST', MESSAGES, templateSend(named))).status, 200);
		});
	});
});
