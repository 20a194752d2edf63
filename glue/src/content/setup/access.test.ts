import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { applyDirectusAccess } from './access.ts';
import { formatChange } from './changes.ts';
import { requestAs, startContentDirectus, type ContentDirectus } from './testing.ts';

const clock = { now: () => Date.parse('2026-03-15T16:00:00Z') };

describe('applyDirectusAccess', () => {
	let cms: ContentDirectus;
	let automation: { url: string; token: string };
	let editor: { url: string; token: string };

	before(async () => {
		cms = await startContentDirectus({ access: true, seed: { clock } });
		automation = { url: cms.admin.url, token: cms.automationToken! };
		editor = { url: cms.admin.url, token: await cms.createUser('Marketing editor') };
	});
	after(() => cms?.stop());

	const idOf = async (collection: string, filter: Record<string, unknown>): Promise<string> => {
		const [item] = await cms.adminApi.call<{ id: number }[]>('GET', `/items/${collection}`, {
			params: { filter, fields: ['id'], limit: 1 },
		});
		assert.ok(item, `no ${collection} matching ${JSON.stringify(filter)}`);
		return String(item.id);
	};

	describe('applied', () => {
		it('should have created the policies, roles and the automation user with its token', () => {
			const said = cms.access!.changes.map(formatChange);
			assert.ok(said.includes('create policy Automation'));
			assert.ok(said.includes('create role Marketing editor'));
			assert.ok(said.includes('create user n8n-automation@example.com (with a static token)'));
			assert.deepEqual(
				cms.access!.users.map((user) => [user.email, user.hasToken]),
				[['n8n-automation@example.com', true]],
			);
		});

		it('should change nothing when applied again with the same token', async () => {
			const again = await applyDirectusAccess({
				directus: cms.admin,
				tokens: { DIRECTUS_AUTOMATION_TOKEN: automation.token },
			});
			assert.deepEqual(again.changes.map(formatChange), []);
		});

		it('should put back a permission someone widened in the Studio', async () => {
			const policyId = cms.access!.policies.Automation!;
			const [permission] = await cms.adminApi.call<{ id: number }[]>('GET', '/permissions', {
				params: {
					filter: { policy: { _eq: policyId }, collection: { _eq: 'faq' } },
					fields: ['id'],
				},
			});
			await cms.adminApi.call('PATCH', `/permissions/${permission!.id}`, {
				body: { permissions: {} },
			});
			await cms.adminApi.call('POST', '/permissions', {
				body: { policy: policyId, collection: 'faq', action: 'update', fields: ['*'] },
			});
			const repaired = await applyDirectusAccess({
				directus: cms.admin,
				tokens: { DIRECTUS_AUTOMATION_TOKEN: automation.token },
			});
			assert.deepEqual(repaired.changes.map(formatChange).sort(), [
				'delete permission Automation: update faq (not in access.json)',
				'update permission Automation: read faq (permissions)',
			]);
			const draft = await idOf('faq', { status: { _eq: 'draft' } });
			assert.equal((await requestAs(automation, 'GET', `/items/faq/${draft}`)).status, 403);
		});

		it('should give the user a new token when another one is configured', async () => {
			const rotated = await applyDirectusAccess({
				directus: cms.admin,
				tokens: { DIRECTUS_AUTOMATION_TOKEN: `${automation.token}-rotated` },
			});
			assert.deepEqual(rotated.changes.map(formatChange), [
				'update user n8n-automation@example.com (token from DIRECTUS_AUTOMATION_TOKEN)',
			]);
			assert.equal((await requestAs(automation, 'GET', '/items/departments')).status, 401);
			automation = { ...automation, token: `${automation.token}-rotated` };
			assert.equal((await requestAs(automation, 'GET', '/items/departments')).status, 200);
		});
	});

	describe('the automation token', () => {
		it('should read published FAQ, promotions and plans, and never a draft', async () => {
			for (const collection of ['faq', 'promotions', 'plans']) {
				const read = await requestAs(
					automation,
					'GET',
					`/items/${collection}?fields=status&limit=-1`,
				);
				assert.equal(read.status, 200, collection);
				const statuses = new Set((read.data as { status: string }[]).map((item) => item.status));
				assert.deepEqual([...statuses], ['published'], collection);
				const draft = await idOf(collection, { status: { _eq: 'draft' } });
				const direct = await requestAs(automation, 'GET', `/items/${collection}/${draft}`);
				assert.deepEqual(
					[direct.status, direct.code],
					[403, 'FORBIDDEN'],
					`${collection} ${draft}`,
				);
			}
		});

		it('should read departments, business info and templates', async () => {
			for (const path of [
				'/items/departments',
				'/items/business_info',
				'/items/message_templates',
			]) {
				assert.equal((await requestAs(automation, 'GET', path)).status, 200, path);
			}
		});

		it('should not write FAQ or promotions', async () => {
			const published = await idOf('faq', { status: { _eq: 'published' } });
			const edit = await requestAs(automation, 'PATCH', `/items/faq/${published}`, {
				answer: 'Hacked',
			});
			assert.deepEqual([edit.status, edit.code], [403, 'FORBIDDEN']);
			const created = await requestAs(automation, 'POST', '/items/promotions', {
				title: 'Mine',
				body: 'Mine',
				status: 'published',
				starts_at: '2026-03-01T00:00:00',
				ends_at: '2026-04-01T00:00:00',
			});
			assert.deepEqual([created.status, created.code], [403, 'FORBIDDEN']);
			const removed = await requestAs(automation, 'DELETE', `/items/faq/${published}`);
			assert.equal(removed.status, 403);
		});

		it('should not read users, the log tables or the leads it wrote', async () => {
			for (const path of ['/users', '/items/sb_ai_decisions', '/items/leads', '/policies']) {
				assert.equal((await requestAs(automation, 'GET', path)).status, 403, path);
			}
		});

		it('should create leads and social post logs', async () => {
			const lead = await requestAs(automation, 'POST', '/items/leads', {
				receiving_number: '+15550000001',
				department: 'sales',
				contact_name: 'Maria',
				contact_phone: '+5215512345678',
				first_message: 'Hola',
				referral: { source_type: 'ad', source_id: '1234' },
				chatwoot_conversation_id: 42,
			});
			// 204: created, and the token may not read it back.
			assert.equal(lead.status, 204);
			const log = await requestAs(automation, 'POST', '/items/social_post_logs', {
				platform: 'instagram',
				slot: '2026-03-16T13:00:00Z',
				status: 'posted',
				post_id: '17900000000000001',
				caption: 'Half price',
				posted_at: '2026-03-16T13:00:04Z',
			});
			assert.equal(log.status, 204);
			const leads = await cms.adminApi.call<{ contact_name: string; created_at: string }[]>(
				'GET',
				'/items/leads',
			);
			assert.equal(leads[0]?.contact_name, 'Maria');
			assert.ok(leads[0]?.created_at, 'created_at is set by Directus');
		});
	});

	describe('a marketing editor', () => {
		it('should edit FAQ', async () => {
			const id = await idOf('faq', { status: { _eq: 'published' } });
			const edit = await requestAs(editor, 'PATCH', `/items/faq/${id}`, {
				answer: 'Updated answer.',
			});
			assert.equal(edit.status, 200);
		});

		it('should tune a department but not change its wiring', async () => {
			const tuned = await requestAs(editor, 'PATCH', '/items/departments/sales', {
				confidence_threshold: 0.8,
				fallback_keywords: ['price', 'plans'],
				urgency_keywords: { high: ['internet down'] },
			});
			assert.equal(tuned.status, 200);
			for (const wiring of [
				{ chatwoot_team_id: 9 },
				{ whatsapp_numbers: ['+15559999999'] },
				{ chatwoot_inbox_ids: [9] },
				{ phone_number_ids: ['9'] },
			]) {
				const refused = await requestAs(editor, 'PATCH', '/items/departments/sales', wiring);
				assert.deepEqual(
					[refused.status, refused.code],
					[403, 'FORBIDDEN'],
					Object.keys(wiring)[0],
				);
			}
			const created = await requestAs(editor, 'POST', '/items/departments', {
				key: 'legal',
				name: 'Legal',
			});
			assert.equal(created.status, 403);
		});

		it('should read the log tables but not write them', async () => {
			assert.equal((await requestAs(editor, 'GET', '/items/sb_ai_decisions')).status, 200);
			const written = await requestAs(editor, 'POST', '/items/sb_social_posts', {
				idempotency_key: 'x',
				promotion_id: '1',
				platform: 'facebook',
				slot: '2026-03-16T13:00:00Z',
			});
			assert.equal(written.status, 403);
		});

		it('should not see the raw customer messages in the inbound ledger', async () => {
			const read = await requestAs(editor, 'GET', '/items/sb_inbound_events?fields=payload');
			assert.equal(read.status, 403);
		});
	});
});
