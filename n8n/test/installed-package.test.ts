// The package as production installs it, in the real n8n 2.41.0: packed, extracted under
// .n8n/nodes/node_modules/, loaded by n8n's community-package loader. Every node and credential
// must be served under its production type name, and each credential's test must work through
// n8n's own credential-test endpoint. Boots n8n: about 20 s.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { migrate } from '@switchboard/glue/log-store';
import { listen, type RunningServer } from '../../simulators/src/common/listen.ts';
import {
	CHATWOOT_SIM_BOT_TOKEN,
	createChatwootSimulator,
} from '../../simulators/src/chatwoot/index.ts';
import { createMetaSimulator, META_SIM_DEFAULT_TOKEN } from '../../simulators/src/meta/index.ts';
import { createAnthropicSimulator } from '../../simulators/src/anthropic/index.ts';
import { startTestDirectus } from '../../scripts/lib/directus.ts';
import { installNodePackage, NODE_PACKAGE_DIR } from '../../scripts/lib/n8n-package.ts';
import { logIn, startN8n, type N8nHandle } from '../../scripts/lib/n8n.ts';
import { freePorts } from '../../scripts/lib/ports.ts';
import { databaseUrl, dropDatabase, ensureDatabase } from '../../scripts/lib/postgres.ts';
import { locateRuntimes } from '../../scripts/lib/runtimes.ts';

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const manifest = JSON.parse(readFileSync(join(NODE_PACKAGE_DIR, 'package.json'), 'utf8')) as {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
};

describe('n8n-nodes-switchboard installed in n8n 2.41.0', () => {
	const runId = randomBytes(4).toString('hex');
	const n8nDatabase = `sbtest_${runId}_n8n`;
	const logDatabase = `sbtest_${runId}_log`;
	const owner = { email: 'owner@example.com', password: `Test-${randomBytes(6).toString('hex')}` };
	let userFolder: string;
	let n8n: N8nHandle;
	let cookie: string;
	const simulators: RunningServer[] = [];

	before(async () => {
		userFolder = mkdtempSync(join(tmpdir(), 'switchboard-n8n-package-'));
		installNodePackage(userFolder, { build: false });
		await ensureDatabase(adminUrl, n8nDatabase);
		await ensureDatabase(adminUrl, logDatabase);
		const [port, brokerPort] = await freePorts(2);
		n8n = await startN8n(
			{
				port: port!,
				brokerPort: brokerPort!,
				databaseUrl: databaseUrl(adminUrl, n8nDatabase),
				userFolder,
				logFile: join(userFolder, 'n8n.log'),
				owner,
				encryptionKey: randomBytes(24).toString('hex'),
			},
			locateRuntimes(),
		);
		cookie = await logIn(n8n.url, owner);
	});

	after(async () => {
		await n8n?.process.stop();
		await Promise.all(simulators.map((server) => server.close()));
		await dropDatabase(adminUrl, n8nDatabase);
		await dropDatabase(adminUrl, logDatabase);
		rmSync(userFolder, { recursive: true, force: true });
	});

	const served = async (file: 'nodes' | 'credentials') => {
		const res = await fetch(`${n8n.url}/types/${file}.json`, { headers: { cookie } });
		assert.equal(res.status, 200, `GET /types/${file}.json`);
		return ((await res.json()) as Array<{ name: string }>).map((type) => type.name);
	};

	it('should serve every node under its production type name, and a tool variant of each', async () => {
		const names = await served('nodes');
		for (const file of manifest.n8n.nodes) {
			const className = file.split('/').at(-1)!.replace('.node.js', '');
			const type = `${manifest.name}.${className[0]!.toLowerCase()}${className.slice(1)}`;
			assert.ok(names.includes(type), `n8n serves ${type}`);
			assert.ok(names.includes(`${type}Tool`), `n8n serves ${type}Tool for AI agents`);
		}
	});

	it('should serve every credential type', async () => {
		const names = await served('credentials');
		for (const file of manifest.n8n.credentials) {
			const className = file.split('/').at(-1)!.replace('.credentials.js', '');
			const type = `${className[0]!.toLowerCase()}${className.slice(1)}`;
			assert.ok(names.includes(type), `n8n serves ${type}`);
		}
	});

	describe("credential tests, through n8n's endpoint", () => {
		const test = async (type: string, data: Record<string, unknown>) => {
			const res = await fetch(`${n8n.url}/rest/credentials/test`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', cookie },
				body: JSON.stringify({ credentials: { id: '', name: type, type, data } }),
			});
			assert.equal(res.status, 200);
			return ((await res.json()) as { data: { status: string; message: string } }).data;
		};
		const start = async (app: Parameters<typeof listen>[0]) => {
			const server = await listen(app);
			simulators.push(server);
			return server.url;
		};

		it('should pass Chatwoot with the bot token and fail with a wrong one', async () => {
			const url = await start(createChatwootSimulator({ simulateWhatsappSend: false }).app);
			const good = { url, accessToken: CHATWOOT_SIM_BOT_TOKEN, accountId: 1 };
			assert.equal((await test('switchboardChatwootApi', good)).status, 'OK');
			const bad = await test('switchboardChatwootApi', { ...good, accessToken: 'wrong' });
			assert.equal(bad.status, 'Error');
			assert.match(bad.message, /Invalid Access Token/);
		});

		it('should pass Claude with a key and fail without the right one', async () => {
			const baseUrl = await start(createAnthropicSimulator().app);
			assert.equal(
				(await test('switchboardClaudeApi', { apiKey: 'sk-ant-test', baseUrl })).status,
				'OK',
			);
			const bad = await test('switchboardClaudeApi', { apiKey: '', baseUrl });
			assert.equal(bad.status, 'Error');
		});

		it('should pass Meta with the Page token and fail with an unknown token', async () => {
			const baseUrl = await start(createMetaSimulator().app);
			const good = {
				accessToken: META_SIM_DEFAULT_TOKEN,
				appSecret: '',
				pageId: '109876543210987',
				instagramAccountId: '17841400000000001',
				apiVersion: 'v23.0',
				baseUrl,
			};
			assert.equal((await test('switchboardMetaGraphApi', good)).status, 'OK');
			const bad = await test('switchboardMetaGraphApi', { ...good, accessToken: 'expired' });
			assert.equal(bad.status, 'Error');
		});

		it('should pass Directus with a static token and fail with a wrong one', async () => {
			const directus = await startTestDirectus();
			try {
				const good = { url: directus.url, token: directus.adminToken };
				assert.equal((await test('switchboardDirectusApi', good)).status, 'OK');
				const bad = await test('switchboardDirectusApi', { ...good, token: 'wrong' });
				assert.equal(bad.status, 'Error');
			} finally {
				await directus.stop();
			}
		});

		it('should pass Postgres once the Switchboard tables exist, and say when they do not', async () => {
			const connection = {
				host: '127.0.0.1',
				port: 5432,
				database: logDatabase,
				user: 'postgres',
				password: '',
				ssl: 'disable',
			};
			const before = await test('switchboardPostgresApi', connection);
			assert.equal(before.status, 'Error');
			assert.match(before.message, /sb_inbound_events.*missing/);
			const pool = new pg.Pool({ connectionString: databaseUrl(adminUrl, logDatabase) });
			await migrate(pool);
			await pool.end();
			assert.equal((await test('switchboardPostgresApi', connection)).status, 'OK');
		});
	});
});
