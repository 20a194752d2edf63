import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { listen, type RunningServer } from '../../../../simulators/src/common/listen.ts';
import {
	CHATWOOT_SIM_ACCOUNT_ID,
	CHATWOOT_SIM_ADMIN_ID,
	CHATWOOT_SIM_USER_TOKEN,
	createChatwootSimulator,
	type ChatwootSimulator,
	type SeedInput,
} from '../../../../simulators/src/chatwoot/index.ts';
import { startContentDirectus, type ContentDirectus } from '../../content/setup/testing.ts';
import { systemClock } from '../../content/ttl-cache.ts';
import { formatChanges } from './changes.ts';
import { ChatwootConfigFileError } from './chatwoot-config-file-error.ts';
import { ChatwootConfigStateError } from './chatwoot-config-state-error.ts';
import {
	applyChatwootConfig,
	type ApplyChatwootConfigOptions,
	type ApplyChatwootConfigResult,
} from './apply-chatwoot-config.ts';
import { DEFAULT_CONFIG_FILE } from './index.ts';

const GATEWAY = 'http://127.0.0.1:8080';

/**
 * A Chatwoot someone has just set up by hand: the three WhatsApp inboxes under their own names and
 * ids, the Facebook page and the Instagram account connected under the config's names, one team of
 * their own, no bot, no labels. Everything else the config has to bring.
 */
const handMadeSeed: SeedInput = {
	accounts: [{ id: CHATWOOT_SIM_ACCOUNT_ID, name: 'Northwind Fibre' }],
	users: [
		{
			id: CHATWOOT_SIM_ADMIN_ID,
			accountId: CHATWOOT_SIM_ACCOUNT_ID,
			name: 'Ada Admin',
			email: 'admin@northwind.test',
			role: 'administrator',
			accessToken: CHATWOOT_SIM_USER_TOKEN,
		},
	],
	inboxes: [
		...[1, 2, 3].map((n) => ({
			id: 20 + n,
			accountId: CHATWOOT_SIM_ACCOUNT_ID,
			name: `WhatsApp ${n}`,
			phoneNumber: `+1555000000${n}`,
			phoneNumberId: `155500000000${n}`,
		})),
		{
			id: 24,
			accountId: CHATWOOT_SIM_ACCOUNT_ID,
			name: 'Northwind Fibre Messenger',
			channelType: 'facebook',
		},
		{
			id: 25,
			accountId: CHATWOOT_SIM_ACCOUNT_ID,
			name: 'Northwind Fibre Instagram',
			channelType: 'instagram',
		},
	],
	teams: [{ id: 1, accountId: CHATWOOT_SIM_ACCOUNT_ID, name: 'marketing' }],
};

interface DirectusDepartment {
	key: string;
	name: string;
	whatsapp_numbers: string[];
	phone_number_ids: string[];
	chatwoot_inbox_ids: number[];
	chatwoot_team_id: number | null;
	confidence_threshold: number;
}

describe('applyChatwootConfig', () => {
	let sim: ChatwootSimulator;
	let server: RunningServer;
	let content: ContentDirectus;
	let dir: string;
	let first: ApplyChatwootConfigResult;

	before(async () => {
		sim = createChatwootSimulator({ simulateWhatsappSend: false, seed: handMadeSeed });
		server = await listen(sim.app);
		content = await startContentDirectus({ seed: { clock: systemClock } });
		dir = mkdtempSync(join(tmpdir(), 'sb-chatwoot-apply-'));
	});
	after(async () => {
		await server?.close();
		await content?.stop();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	const apply = (overrides: Partial<ApplyChatwootConfigOptions> = {}) =>
		applyChatwootConfig({
			configFile: DEFAULT_CONFIG_FILE,
			env: { GATEWAY_PUBLIC_URL: GATEWAY },
			chatwoot: { baseUrl: server.url, accessToken: CHATWOOT_SIM_USER_TOKEN, retries: 0 },
			directus: content.admin,
			...overrides,
		});
	const writes = () =>
		sim.ctx.log
			.list()
			.filter((request) => request.method !== 'GET' && request.path.startsWith('/api/'));
	const departments = async () =>
		(
			await content.adminApi.call<DirectusDepartment[]>('GET', '/items/departments', {
				params: { sort: ['sort'], limit: -1 },
			})
		).map((d) => ({
			key: d.key,
			numbers: d.whatsapp_numbers,
			ids: d.phone_number_ids,
			inboxes: d.chatwoot_inbox_ids,
			team: d.chatwoot_team_id,
		}));
	/** The repository's file with `edit` applied to its text. */
	const editedConfig = (name: string, edit: (text: string) => string) => {
		const file = join(dir, name);
		writeFileSync(file, edit(readFileSync(DEFAULT_CONFIG_FILE, 'utf8')));
		return file;
	};

	it('should say what a dry run would change and change nothing', async () => {
		const before = await departments();
		const result = await apply({ dryRun: true });
		const lines = formatChanges(result.changes);
		assert.ok(lines.includes('+ label dept-sales'));
		assert.ok(lines.includes('+ agent bot "Switchboard Triage"'));
		assert.ok(lines.includes('~ directus department sales chatwoot_inbox_ids, chatwoot_team_id'));
		assert.equal(result.botSecret, null);
		assert.deepEqual(writes(), []);
		assert.deepEqual(await departments(), before);
	});

	it('should create what is missing, rename and wire the inboxes, and print each change', async () => {
		first = await apply();
		const lines = formatChanges(first.changes);
		for (const line of [
			'+ label dept-sales',
			'+ label urgency-high',
			'+ custom attribute department (conversation)',
			'+ custom attribute lead_source (contact)',
			'+ team "sales"',
			'+ agent bot "Switchboard Triage"',
			'~ inbox "Sales" (+15550000001) name, agent_bot',
			'~ inbox "Northwind Fibre Messenger" (Messenger) agent_bot',
			'~ inbox "Northwind Fibre Instagram" (Instagram) agent_bot',
			'+ account webhook "Switchboard gateway"',
			'~ directus department billing chatwoot_inbox_ids, chatwoot_team_id',
		]) {
			assert.ok(lines.includes(line), `${line} in\n${lines.join('\n')}`);
		}
		const [bot] = sim.state.agentBots.all();
		assert.equal(bot?.outgoingUrl, `${GATEWAY}/webhooks/chatwoot`);
		assert.equal(first.botSecret, bot?.secret);
		assert.equal(first.accountWebhookSecret, sim.state.webhooks.all()[0]?.secret);
		assert.deepEqual(
			sim.state.inboxes.all().map((i) => [i.id, i.name, i.agentBotId]),
			[
				[21, 'Sales', bot?.id],
				[22, 'Support', bot?.id],
				[23, 'Billing', bot?.id],
				[24, 'Northwind Fibre Messenger', bot?.id],
				[25, 'Northwind Fibre Instagram', bot?.id],
			],
		);
		assert.deepEqual(
			sim.state.teams.all().map((t) => t.name),
			['marketing', 'sales', 'support', 'billing'],
		);
	});

	it('should leave each Directus department carrying its numbers, inbox and team ids', async () => {
		assert.deepEqual(await departments(), [
			{
				key: 'sales',
				numbers: ['+15550000001'],
				ids: ['1555000000001'],
				inboxes: [21, 25],
				team: 2,
			},
			{
				key: 'support',
				numbers: ['+15550000002'],
				ids: ['1555000000002'],
				inboxes: [22, 24],
				team: 3,
			},
			{ key: 'billing', numbers: ['+15550000003'], ids: ['1555000000003'], inboxes: [23], team: 4 },
		]);
		assert.deepEqual(
			first.departments.map((d) => [d.key, d.chatwootInboxIds, d.chatwootTeamId]),
			[
				['sales', [21, 25], 2],
				['support', [22, 24], 3],
				['billing', [23], 4],
			],
		);
		// What staff tune stays theirs.
		const [sales] = await content.adminApi.call<DirectusDepartment[]>('GET', '/items/departments', {
			params: { filter: { key: { _eq: 'sales' } } },
		});
		assert.deepEqual([sales?.name, sales?.confidence_threshold], ['Sales', 0.7]);
	});

	it('should change nothing the second time, and give the same secrets', async () => {
		sim.ctx.log.clear();
		const second = await apply();
		assert.deepEqual(formatChanges(second.changes), [`= ${second.changes.length} unchanged`]);
		assert.deepEqual(writes(), []);
		assert.equal(second.botSecret, first.botSecret);
		assert.equal(second.accountWebhookSecret, first.accountWebhookSecret);
	});

	it('should update a changed label colour and a moved gateway URL, and only those', async () => {
		const configFile = editedConfig('recoloured.yaml', (text) =>
			text.replace("color: '#2563eb'", "color: '#000000'"),
		);
		const moved = await apply({
			configFile,
			env: { GATEWAY_PUBLIC_URL: 'https://hooks.northwind.example' },
		});
		assert.deepEqual(formatChanges(moved.changes).slice(0, -1), [
			'~ label dept-sales color',
			'~ agent bot "Switchboard Triage" outgoing_url',
			'~ account webhook "Switchboard gateway" url',
		]);
		assert.equal(sim.state.labels.find((l) => l.title === 'dept-sales')?.color, '#000000');
		assert.equal(
			sim.state.agentBots.all()[0]?.outgoingUrl,
			'https://hooks.northwind.example/webhooks/chatwoot',
		);
		assert.equal(moved.botSecret, first.botSecret);
		await apply();
	});

	it('should refuse a bad file with the key named, before asking Chatwoot anything', async () => {
		sim.ctx.log.clear();
		const before = await departments();
		const configFile = editedConfig('bad.yaml', (text) =>
			text
				.replace("number: '+15550000002'", "number: '555-0002'")
				.replace('outgoing_url:', 'outgoing_ur:'),
		);
		await assert.rejects(apply({ configFile }), (error: unknown) => {
			assert.ok(error instanceof ChatwootConfigFileError);
			assert.deepEqual(
				error.issues.map((issue) => issue.path),
				['departments[1].whatsapp[0].number', 'agent_bot.outgoing_url', 'agent_bot.outgoing_ur'],
			);
			return true;
		});
		assert.deepEqual(sim.ctx.log.list(), []);
		assert.deepEqual(await departments(), before);
	});

	it('should stop before any change when a WhatsApp inbox is missing', async () => {
		sim.ctx.log.clear();
		const configFile = editedConfig('new-number.yaml', (text) =>
			text
				.replace("color: '#2563eb'", "color: '#111111'")
				.replace("number: '+15550000003'", "number: '+15550000009'"),
		);
		await assert.rejects(apply({ configFile }), (error: unknown) => {
			assert.ok(error instanceof ChatwootConfigStateError);
			assert.equal(error.problems.length, 1);
			assert.match(
				error.problems[0] ?? '',
				/^department billing, \+15550000009: Chatwoot has no WhatsApp inbox/,
			);
			return true;
		});
		assert.deepEqual(writes(), []);
	});

	it("should refuse an account other than the file's", async () => {
		await assert.rejects(
			apply({
				chatwoot: { baseUrl: server.url, accessToken: CHATWOOT_SIM_USER_TOKEN, accountId: 2 },
			}),
			/account\.id: is 1, but it is being applied to account 2/,
		);
	});

	it('should add a department Directus does not have yet, with its name and wiring', async () => {
		sim.state.inboxes.insert({
			accountId: CHATWOOT_SIM_ACCOUNT_ID,
			name: 'Retention',
			channelType: 'whatsapp',
			channelId: 30,
			phoneNumber: '+15550000004',
			phoneNumberId: '1555000000004',
			lockToSingleConversation: false,
			enableAutoAssignment: true,
			memberIds: [],
			agentBotId: null,
		});
		const configFile = editedConfig('retention.yaml', (text) =>
			text
				.replace(
					'departments:\n',
					"departments:\n  - key: retention\n    name: Retention\n    whatsapp:\n      - inbox: Retention\n        number: '+15550000004'\n        phone_number_id: '1555000000004'\n",
				)
				.replace('labels:\n', 'labels:\n  - title: dept-retention\n'),
		);
		const result = await apply({ configFile });
		assert.ok(formatChanges(result.changes).includes('+ directus department retention'));
		const [retention] = await content.adminApi.call<DirectusDepartment[]>(
			'GET',
			'/items/departments',
			{
				params: { filter: { key: { _eq: 'retention' } } },
			},
		);
		assert.deepEqual(
			[
				retention?.name,
				retention?.chatwoot_inbox_ids,
				retention?.chatwoot_team_id,
				retention?.confidence_threshold,
			],
			['Retention', [sim.state.inboxByPhone('+15550000004')?.id], null, 0.75],
		);
		const again = await apply();
		assert.deepEqual(again.directus?.unknown, ['retention']);
	});
});
