import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { ChatwootConfigFileError } from './chatwoot-config-file-error.ts';
import { loadChatwootConfig, parseChatwootConfig } from './load-config.ts';
import { fillTemplates, type Environment } from './template.ts';

const env = { GATEWAY_PUBLIC_URL: 'https://hooks.example.com' };

/** A small valid file; overrides replace top-level keys. */
function configDocument(overrides: Record<string, unknown> = {}) {
	return {
		account: { id: 1 },
		departments: [
			{
				key: 'sales',
				name: 'Sales',
				team: { name: 'Sales' },
				whatsapp: [{ inbox: 'Sales', number: '+15550000001', phone_number_id: '1555000000001' }],
			},
		],
		labels: [{ title: 'dept-sales', color: '#2563EB' }],
		agent_bot: { name: 'Bot', outgoing_url: '${GATEWAY_PUBLIC_URL}/webhooks/chatwoot' },
		...overrides,
	};
}

function issuesOf(run: () => unknown): string[] {
	try {
		run();
	} catch (error) {
		assert.ok(error instanceof ChatwootConfigFileError, String(error));
		return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
	}
	assert.fail('expected a ChatwootConfigFileError');
}

const parse = (document: unknown, environment: Environment = env) =>
	parseChatwootConfig(stringify(document), 'test.yaml', environment);

describe('loadChatwootConfig', () => {
	const dir = mkdtempSync(join(tmpdir(), 'sb-chatwoot-config-'));
	after(() => rmSync(dir, { recursive: true, force: true }));

	it('should read the repository file for Northwind Fibre', () => {
		const config = loadChatwootConfig(
			new URL('../../../../chatwoot/config/northwind-fibre.yaml', import.meta.url),
			env,
		);
		assert.deepEqual(
			config.departments.map((d) => d.key),
			['sales', 'support', 'billing'],
		);
		assert.equal(config.agent_bot.outgoing_url, 'https://hooks.example.com/webhooks/chatwoot');
	});

	it('should read JSON files as JSON', () => {
		const file = join(dir, 'shop.json');
		writeFileSync(file, JSON.stringify(configDocument()));
		assert.equal(loadChatwootConfig(file, env).departments[0]?.key, 'sales');
	});

	it('should name the file when it does not exist', () => {
		assert.deepEqual(
			issuesOf(() => loadChatwootConfig(join(dir, 'missing.yaml'), env)),
			[': no such file'],
		);
	});

	it('should give the line of a YAML syntax error', () => {
		const [issue] = issuesOf(() =>
			parseChatwootConfig('account:\n  id: 1\n departments: [', 'bad.yaml', env),
		);
		assert.match(issue ?? '', /line 3/);
	});

	it('should lower-case team names and colours, and default the optional parts', () => {
		const config = parse(configDocument());
		assert.equal(config.departments[0]?.team?.name, 'sales');
		assert.equal(config.labels[0]?.color, '#2563eb');
		assert.equal(config.account_webhook, null);
		assert.deepEqual(config.custom_attributes, []);
	});

	it('should name a misspelt key', () => {
		const document = configDocument({
			agent_bot: { name: 'Bot', outgoing_ur: 'https://x.example/hook' },
		});
		assert.deepEqual(
			issuesOf(() => parse(document)),
			['agent_bot.outgoing_url: missing', 'agent_bot.outgoing_ur: unknown key (misspelt?)'],
		);
	});

	it('should name each bad value by its path', () => {
		const document = configDocument({
			departments: [
				{
					key: 'Sales',
					name: 'Sales',
					whatsapp: [{ inbox: 'Sales', number: '555-0001', phone_number_id: 1555 }],
				},
			],
		});
		assert.deepEqual(
			issuesOf(() => parse(document)),
			[
				'departments[0].key: a lower-case key such as "sales"',
				'departments[0].whatsapp[0].number: an E.164 number such as +15550000001',
				'departments[0].whatsapp[0].phone_number_id: Invalid input: expected string, received number',
			],
		);
	});

	it('should refuse a number, an inbox or a label that appears twice', () => {
		const support = {
			key: 'support',
			name: 'Support',
			whatsapp: [{ inbox: 'Sales', number: '+15550000001', phone_number_id: '1555000000002' }],
		};
		const document = configDocument({
			departments: [configDocument().departments[0], support],
			labels: [{ title: 'dept-sales' }, { title: 'dept-support' }, { title: 'dept-sales' }],
		});
		assert.deepEqual(
			issuesOf(() => parse(document)),
			[
				'departments[1].whatsapp[0].number: number "+15550000001" appears twice',
				'departments[1].whatsapp[0].inbox: inbox "Sales" appears twice',
				'labels[2].title: label "dept-sales" appears twice',
			],
		);
	});

	it('should refuse a Messenger or Instagram inbox named by two departments, or without a name', () => {
		const support = {
			key: 'support',
			name: 'Support',
			messenger: [{ inbox: 'Northwind' }],
			instagram: [{ inbox: ' ' }],
		};
		const sales = { ...configDocument().departments[0], messenger: [{ inbox: 'Northwind' }] };
		const document = configDocument({
			departments: [sales, support],
			labels: [{ title: 'dept-sales' }, { title: 'dept-support' }],
		});
		assert.deepEqual(
			issuesOf(() => parse(document)),
			[
				'departments[1].instagram[0].inbox: must not be empty',
				'departments[1].messenger[0].inbox: Messenger inbox "Northwind" appears twice',
			],
		);
	});

	it("should require each department's dept- label and titles the hand-off can write", () => {
		const document = configDocument({ labels: [{ title: 'Dept Sales' }] });
		assert.deepEqual(
			issuesOf(() => parse(document)),
			[
				'labels[0].title: a label title as the hand-off writes it: lower-case letters, digits, "-" and "_" (e.g. dept-sales)',
				'departments[0].key: needs the label dept-sales in labels',
			],
		);
	});

	it('should want values for a list attribute, and none for others', () => {
		const document = configDocument({
			custom_attributes: [
				{
					key: 'department',
					model: 'conversation',
					display_name: 'Department',
					display_type: 'list',
				},
				{
					key: 'intent',
					model: 'conversation',
					display_name: 'Intent',
					display_type: 'text',
					values: ['a'],
				},
			],
		});
		assert.deepEqual(
			issuesOf(() => parse(document)),
			[
				'custom_attributes[0]: values: a list attribute needs them, other types take none',
				'custom_attributes[1]: values: a list attribute needs them, other types take none',
			],
		);
	});

	it('should name the unset environment variable and where it is used', () => {
		assert.deepEqual(
			issuesOf(() => parse(configDocument(), {})),
			[
				'agent_bot.outgoing_url: needs the environment variable GATEWAY_PUBLIC_URL, which is not set',
			],
		);
	});
});

describe('fillTemplates', () => {
	it('should fill values, use the default after :-, and treat an empty variable as unset', () => {
		const { value, issues } = fillTemplates(
			{ a: ['${A}', '${B:-fallback}', '${C:-}x'], n: 1 },
			{ A: 'one', C: '' },
		);
		assert.deepEqual(value, { a: ['one', 'fallback', 'x'], n: 1 });
		assert.deepEqual(issues, []);
	});

	it('should not double the slash when the value ends with one', () => {
		const { value } = fillTemplates('${URL}/webhooks', { URL: 'http://gw:8080/' });
		assert.equal(value, 'http://gw:8080/webhooks');
	});

	it('should leave keys alone and report the path of each unset variable', () => {
		const { value, issues } = fillTemplates({ '${K}': { list: ['${MISSING}'] } }, {});
		assert.deepEqual(value, { '${K}': { list: [''] } });
		assert.deepEqual(issues, [
			{
				path: ['${K}', 'list', 0],
				message: 'needs the environment variable MISSING, which is not set',
			},
		]);
	});
});
