import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
	CHATWOOT_SIM_AGENTS,
	CHATWOOT_SIM_BOT_ID,
	CHATWOOT_SIM_BOT_TOKEN,
	CHATWOOT_SIM_USER_TOKEN,
} from './constants.ts';
import { resetSim, startHarness, type Harness } from './test-support.ts';

// What an installer configures: labels, custom attribute definitions, inbox and team settings.
describe('chatwoot simulator account configuration', () => {
	let h: Harness;

	before(async () => {
		h = await startHarness({ simulateWhatsappSend: false });
	});
	after(() => h.close());
	beforeEach(() => resetSim(h));

	const call = async (
		method: string,
		path: string,
		body?: unknown,
		token: string = CHATWOOT_SIM_USER_TOKEN,
	) => {
		const res = await fetch(`${h.server.url}/api/v1/accounts/1${path}`, {
			method,
			headers: { api_access_token: token, 'content-type': 'application/json' },
			...(body === undefined ? {} : { body: JSON.stringify(body) }),
		});
		const text = await res.text();
		return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
	};
	const agentToken = CHATWOOT_SIM_AGENTS.sales.token;
	const policyDenied = { error: 'You are not authorized to do this action' };

	describe('labels', () => {
		it('should create a label lower-cased, with the default colour, and list it under payload', async () => {
			const created = await call('POST', '/labels', { title: 'Dept-Sales', description: 'Sales' });
			assert.equal(created.status, 200);
			const label = created.body as Record<string, unknown>;
			assert.deepEqual(label, {
				id: label.id,
				title: 'dept-sales',
				description: 'Sales',
				color: '#1f93ff',
				show_on_sidebar: null,
			});
			assert.deepEqual(await call('GET', '/labels'), { status: 200, body: { payload: [label] } });
		});

		it('should take the wrapped {label: {...}} form as well', async () => {
			const created = await call('POST', '/labels', { label: { title: 'vip', color: '#ff0000' } });
			assert.equal((created.body as { color: string }).color, '#ff0000');
		});

		it('should refuse a taken or malformed title with 422 {message, attributes}', async () => {
			await h.admin.labels.create({ title: 'vip' });
			assert.deepEqual(await call('POST', '/labels', { title: 'VIP' }), {
				status: 422,
				body: { message: 'Title has already been taken', attributes: ['title'] },
			});
			assert.deepEqual(await call('POST', '/labels', { title: 'very important' }), {
				status: 422,
				body: { message: 'Title is invalid', attributes: ['title'] },
			});
			assert.deepEqual(await call('POST', '/labels', {}), {
				status: 422,
				body: { error: 'param is missing or the value is empty: label' },
			});
		});

		it('should update colour and description through our client', async () => {
			const label = await h.admin.labels.create({ title: 'vip' });
			const updated = await h.admin.labels.update(label.id, {
				color: '#00ff00',
				description: 'Big',
			});
			assert.equal(updated.color, '#00ff00');
			assert.deepEqual(
				(await h.admin.labels.list()).map((l) => [l.title, l.color, l.description]),
				[['vip', '#00ff00', 'Big']],
			);
		});

		it('should answer 200 to an update that fails validation, without saving it', async () => {
			await h.admin.labels.create({ title: 'vip' });
			const other = await h.admin.labels.create({ title: 'new' });
			const answer = await call('PATCH', `/labels/${other.id}`, { title: 'vip' });
			assert.equal(answer.status, 200);
			assert.equal((answer.body as { title: string }).title, 'vip');
			assert.deepEqual(
				(await h.admin.labels.list()).map((l) => l.title),
				['vip', 'new'],
			);
		});

		it('should let agents list labels but not create, show or change them (401, not 403)', async () => {
			const label = await h.admin.labels.create({ title: 'vip' });
			assert.equal((await call('GET', '/labels', undefined, agentToken)).status, 200);
			for (const [method, path] of [
				['POST', '/labels'],
				['GET', `/labels/${label.id}`],
				['PATCH', `/labels/${label.id}`],
				['DELETE', `/labels/${label.id}`],
			] as const) {
				const body = method === 'GET' || method === 'DELETE' ? undefined : { title: 'x' };
				assert.deepEqual(await call(method, path, body, agentToken), {
					status: 401,
					body: policyDenied,
				});
			}
		});

		it('should refuse the bot token and answer 404 for another id', async () => {
			assert.deepEqual(await call('GET', '/labels', undefined, CHATWOOT_SIM_BOT_TOKEN), {
				status: 401,
				body: { error: 'Access to this endpoint is not authorized for bots' },
			});
			assert.deepEqual(await call('GET', '/labels/999'), {
				status: 404,
				body: { error: 'Resource could not be found' },
			});
		});

		it('should delete a label with an empty 200', async () => {
			const label = await h.admin.labels.create({ title: 'vip' });
			assert.deepEqual(await call('DELETE', `/labels/${label.id}`), {
				status: 200,
				body: undefined,
			});
			assert.deepEqual(await h.admin.labels.list(), []);
		});
	});

	describe('custom attribute definitions', () => {
		const department = {
			attribute_key: 'department',
			attribute_display_name: 'Department',
			attribute_display_type: 'list',
			attribute_model: 'conversation_attribute',
			attribute_values: ['sales', 'support'],
		} as const;

		it('should create one and render the enums by name, whether sent as names or integers', async () => {
			const byName = await call('POST', '/custom_attribute_definitions', department);
			const byNumber = await call('POST', '/custom_attribute_definitions', {
				custom_attribute_definition: {
					attribute_key: 'lead_source',
					attribute_display_name: ' Lead source ',
					attribute_display_type: 0,
					attribute_model: 1,
				},
			});
			assert.equal(byName.status, 200);
			const first = byName.body as Record<string, unknown>;
			assert.deepEqual(Object.keys(first).sort(), [
				'attribute_description',
				'attribute_display_name',
				'attribute_display_type',
				'attribute_key',
				'attribute_model',
				'attribute_values',
				'created_at',
				'default_value',
				'id',
				'regex_cue',
				'regex_pattern',
				'updated_at',
			]);
			assert.equal(first.attribute_display_type, 'list');
			assert.deepEqual(first.attribute_values, ['sales', 'support']);
			const second = byNumber.body as Record<string, unknown>;
			assert.deepEqual(
				[second.attribute_display_name, second.attribute_display_type, second.attribute_model],
				['Lead source', 'text', 'contact_attribute'],
			);
		});

		it('should list a bare array, filtered by attribute_model given as a name or a number', async () => {
			await h.admin.customAttributeDefinitions.create(department);
			await h.admin.customAttributeDefinitions.create({
				attribute_key: 'lead_source',
				attribute_display_name: 'Lead source',
				attribute_model: 'contact_attribute',
			});
			const keys = async (query: string) =>
				(
					(await call('GET', `/custom_attribute_definitions${query}`)).body as {
						attribute_key: string;
					}[]
				).map((d) => d.attribute_key);
			assert.deepEqual(await keys(''), ['department', 'lead_source']);
			assert.deepEqual(await keys('?attribute_model=contact_attribute'), ['lead_source']);
			assert.deepEqual(await keys('?attribute_model=0'), ['department']);
		});

		it('should refuse a key taken in the same model, and take it in the other', async () => {
			await h.admin.customAttributeDefinitions.create(department);
			assert.deepEqual(await call('POST', '/custom_attribute_definitions', department), {
				status: 422,
				body: { message: 'Attribute key has already been taken', attributes: ['attribute_key'] },
			});
			const contact = await call('POST', '/custom_attribute_definitions', {
				...department,
				attribute_model: 'contact_attribute',
			});
			assert.equal(contact.status, 200);
		});

		it('should refuse an unknown display type, a blank name and a standard attribute key', async () => {
			const unknown = await call('POST', '/custom_attribute_definitions', {
				...department,
				attribute_display_type: 'colour',
			});
			assert.deepEqual(unknown, {
				status: 422,
				body: { error: "'colour' is not a valid attribute_display_type" },
			});
			const blank = await call('POST', '/custom_attribute_definitions', {
				...department,
				attribute_display_name: ' ',
			});
			assert.equal(blank.status, 422);
			assert.deepEqual((blank.body as { attributes: string[] }).attributes, [
				'attribute_display_name',
			]);
			const standard = await call('POST', '/custom_attribute_definitions', {
				...department,
				attribute_key: 'status',
			});
			assert.deepEqual((standard.body as { attributes: string[] }).attributes, ['attribute_key']);
		});

		it('should update one through our client and delete it with a 204', async () => {
			const created = await h.admin.customAttributeDefinitions.create(department);
			const updated = await h.admin.customAttributeDefinitions.update(created.id, {
				attribute_values: ['sales', 'support', 'billing'],
				attribute_description: 'Who handles it',
			});
			assert.deepEqual(updated.attribute_values, ['sales', 'support', 'billing']);
			assert.equal(updated.attribute_description, 'Who handles it');
			assert.deepEqual(await call('DELETE', `/custom_attribute_definitions/${created.id}`), {
				status: 204,
				body: undefined,
			});
			assert.deepEqual(await h.admin.customAttributeDefinitions.list(), []);
		});

		it('should let agents define attributes (the controller authorizes nothing) but not bots', async () => {
			assert.equal(
				(await call('POST', '/custom_attribute_definitions', department, agentToken)).status,
				200,
			);
			assert.equal(
				(await call('GET', '/custom_attribute_definitions', undefined, CHATWOOT_SIM_BOT_TOKEN))
					.status,
				401,
			);
		});
	});

	describe('inboxes', () => {
		it('should rename an inbox and change its assignment settings', async () => {
			const inbox = await h.admin.inboxes.update(1, {
				name: 'Ventas',
				enable_auto_assignment: false,
				lock_to_single_conversation: true,
			});
			assert.deepEqual(
				[inbox.name, inbox.enable_auto_assignment, inbox.lock_to_single_conversation],
				['Ventas', false, true],
			);
			assert.equal((await h.admin.inboxes.get(1)).name, 'Ventas');
			assert.equal(
				(await h.admin.inboxes.get(1)).provider_config?.phone_number_id,
				'1555000000001',
			);
		});

		it('should refuse a blank name, an agent, and an unknown inbox', async () => {
			assert.deepEqual(await call('PATCH', '/inboxes/1', { name: '' }), {
				status: 422,
				body: { message: "Name can't be blank", attributes: ['name'] },
			});
			assert.deepEqual(await call('PATCH', '/inboxes/1', { name: 'x' }, agentToken), {
				status: 401,
				body: policyDenied,
			});
			assert.equal((await call('PATCH', '/inboxes/99', { name: 'x' })).status, 404);
		});

		it("should show the inbox's bot, or null once it is detached", async () => {
			assert.equal((await h.admin.inboxes.agentBot(1))?.id, CHATWOOT_SIM_BOT_ID);
			await h.admin.inboxes.setAgentBot(1, null);
			assert.equal(await h.admin.inboxes.agentBot(1), null);
		});
	});

	describe('teams', () => {
		it('should update a team, lower-casing a new name', async () => {
			const team = await h.admin.teams.update(1, { name: 'Ventas', description: 'Sales' });
			assert.deepEqual([team.name, team.description], ['ventas', 'Sales']);
		});

		it('should refuse a name another team has, and an agent', async () => {
			assert.deepEqual(await call('PATCH', '/teams/1', { name: 'Support' }), {
				status: 422,
				body: { message: 'Name has already been taken', attributes: ['name'] },
			});
			assert.deepEqual(await call('PATCH', '/teams/1', { description: 'x' }, agentToken), {
				status: 401,
				body: policyDenied,
			});
		});
	});
});
