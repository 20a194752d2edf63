import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
	type SimHarness,
	startSimulator,
	WABA_ID,
} from '../../../simulators/src/meta/test-support.ts';
import { requestAs, startContentDirectus, type ContentDirectus } from '../content/setup/testing.ts';
import { directusApprovedTemplateStore } from './approved-templates-directus-store.ts';
import {
	syncApprovedTemplates,
	type ApprovedTemplateRow,
	type ApprovedTemplateStore,
} from './approved-templates-sync.ts';
import { clientFor, injectFault, logged, VERSION } from './test-support.ts';

const NOW = new Date('2026-12-06T10:00:00.000Z');
const LATER = new Date('2026-12-06T11:00:00.000Z');
const LIST = `/${VERSION}/${WABA_ID}/message_templates`;

function memoryStore(rows: ApprovedTemplateRow[] = []) {
	const saved = new Map(rows.map((row) => [row.id, { ...row }]));
	const store: ApprovedTemplateStore & { saved: typeof saved } = {
		saved,
		list: async () => [...saved.values()].map((row) => ({ ...row })),
		create: async (created) => {
			for (const row of created) saved.set(row.id, { ...row });
		},
		update: async (id, changes) => {
			saved.set(id, { ...saved.get(id)!, ...changes });
		},
	};
	return store;
}

const orderReady = (status = 'APPROVED') => ({
	name: 'order_ready',
	language: 'en_US',
	category: 'UTILITY',
	status,
	components: [
		{ type: 'HEADER', format: 'IMAGE' },
		{ type: 'BODY', text: 'Hi {{1}}, order {{2}} is ready.' },
		{
			type: 'BUTTONS',
			buttons: [{ type: 'URL', text: 'Track', url: 'https://example.com/t/{{1}}' }],
		},
	],
});

describe('syncApprovedTemplates', { timeout: 30_000 }, () => {
	let sim: SimHarness;
	before(async () => {
		sim = await startSimulator();
	});
	after(() => sim.close());
	const sync = (store: ApprovedTemplateStore, now = NOW, pageSize?: number) => {
		const { client } = clientFor(sim);
		const whatsapp = pageSize
			? { listTemplates: (id: string) => client.whatsapp.listTemplates(id, { pageSize }) }
			: client.whatsapp;
		return syncApprovedTemplates({ whatsapp, wabaId: WABA_ID, store, now: () => now });
	};

	it('should copy every template with its parameter counts, following the pages', async () => {
		await sim.admin('/templates', orderReady());
		const store = memoryStore();
		const result = await sync(store, NOW, 2);
		const listed = (await sim.admin('/templates')).body as unknown as unknown[];
		assert.equal(result.listed, listed.length);
		assert.equal(result.created.length, listed.length);
		assert.ok(logged(sim, 'GET', LIST).length >= Math.ceil(listed.length / 2));
		const row = store.saved.get('order_ready:en_US');
		assert.deepEqual(
			{ ...row, components: undefined, meta_id: undefined },
			{
				id: 'order_ready:en_US',
				name: 'order_ready',
				language: 'en_US',
				category: 'UTILITY',
				status: 'APPROVED',
				body_text: 'Hi {{1}}, order {{2}} is ready.',
				parameter_format: 'POSITIONAL',
				components: undefined,
				header_parameter: 'image',
				body_parameter_count: 2,
				button_parameter_count: 1,
				rejected_reason: null,
				meta_id: undefined,
				synced_at: NOW.toISOString(),
			},
		);
		assert.match(row?.meta_id ?? '', /^\d+$/);
		assert.equal(store.saved.get('win_back:en_US')?.rejected_reason, 'PROMOTIONAL');
	});

	it('should change only what Meta changed, and mark a template Meta dropped as deleted', async () => {
		const store = memoryStore();
		await sim.admin('/templates', orderReady('PENDING'));
		await sync(store);
		await sim.admin('/templates', orderReady('APPROVED'));
		await fetch(`${sim.url}/__sim/templates/win_back`, { method: 'DELETE' });
		const result = await sync(store, LATER);
		assert.deepEqual(result.updated, ['order_ready:en_US']);
		assert.deepEqual(result.gone, ['win_back:en_US']);
		assert.deepEqual(result.created, []);
		assert.equal(store.saved.get('order_ready:en_US')?.status, 'APPROVED');
		assert.equal(store.saved.get('order_ready:en_US')?.synced_at, LATER.toISOString());
		assert.equal(store.saved.get('win_back:en_US')?.status, 'DELETED');
		assert.equal(store.saved.get('hello_world:en_US')?.synced_at, NOW.toISOString());
		const again = await sync(store, LATER);
		assert.deepEqual([again.updated, again.gone, again.created], [[], [], []]);
	});

	it('should read a page again after a 503 from a proxy', async () => {
		await injectFault(sim, { method: 'GET', path: LIST, status: 503, body: 'busy' });
		const store = memoryStore();
		const result = await sync(store);
		assert.ok(result.created.length > 0);
	});

	it('should write nothing when the listing fails, so nothing is marked gone', async () => {
		const store = memoryStore();
		await sync(store);
		await injectFault(sim, {
			method: 'GET',
			path: LIST,
			status: 400,
			body: { error: { message: '(#100) Invalid parameter', type: 'OAuthException', code: 100 } },
		});
		await assert.rejects(sync(store, LATER));
		assert.ok([...store.saved.values()].every((row) => row.status !== 'DELETED'));
	});
});

describe('syncApprovedTemplates into a real Directus', { timeout: 120_000 }, () => {
	let sim: SimHarness;
	let content: ContentDirectus;
	before(async () => {
		sim = await startSimulator();
		content = await startContentDirectus({ schema: true, access: true });
	});
	after(async () => {
		await sim.close();
		await content?.stop();
	});

	it('should fill the read-only collection marketing picks from, and keep it in step', async () => {
		const store = directusApprovedTemplateStore(content.admin);
		const { client } = clientFor(sim);
		const run = (now: Date) =>
			syncApprovedTemplates({ whatsapp: client.whatsapp, wabaId: WABA_ID, store, now: () => now });
		await sim.admin('/templates', orderReady('PENDING'));
		const first = await run(NOW);
		assert.ok(first.created.includes('order_ready:en_US'));
		await sim.admin('/templates', orderReady('APPROVED'));
		await fetch(`${sim.url}/__sim/templates/win_back`, { method: 'DELETE' });
		const second = await run(LATER);
		assert.deepEqual(second.updated, ['order_ready:en_US']);
		assert.deepEqual(second.gone, ['win_back:en_US']);

		const marketing = {
			url: content.admin.url,
			token: await content.createUser('Marketing editor'),
		};
		const read = await requestAs(
			marketing,
			'GET',
			'/items/whatsapp_approved_templates/order_ready:en_US',
		);
		assert.equal(read.status, 200);
		const row = read.data as ApprovedTemplateRow;
		assert.equal(row.status, 'APPROVED');
		assert.equal(row.body_parameter_count, 2);
		assert.deepEqual(
			(row.components as { type: string }[]).map((c) => c.type),
			['HEADER', 'BODY', 'BUTTONS'],
		);
		const gone = await requestAs(
			marketing,
			'GET',
			'/items/whatsapp_approved_templates/win_back:en_US',
		);
		assert.equal((gone.data as ApprovedTemplateRow).status, 'DELETED');
		const edit = await requestAs(
			marketing,
			'PATCH',
			'/items/whatsapp_approved_templates/order_ready:en_US',
			{ status: 'REJECTED' },
		);
		assert.equal(edit.status, 403);
		const automation = { url: content.admin.url, token: content.automationToken! };
		const write = await requestAs(automation, 'POST', '/items/whatsapp_approved_templates', {
			id: 'x:en',
			name: 'x',
			language: 'en',
			status: 'APPROVED',
		});
		assert.equal(write.status, 403);
	});
});
