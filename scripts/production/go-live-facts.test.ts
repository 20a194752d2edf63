// The go-live readers against the Chatwoot and Meta simulators (Chatwoot and Meta cannot run here),
// and the backups on a real disk. Directus's reader is the triage's own (glue/content, tested there).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { listen, type RunningServer } from '../../simulators/src/common/listen.ts';
import {
	CHATWOOT_SIM_USER_TOKEN,
	createChatwootSimulator,
} from '../../simulators/src/chatwoot/index.ts';
import { createMetaSimulator, META_SIM_DEFAULT_TOKEN } from '../../simulators/src/meta/index.ts';
import { backupFolderName, MANIFEST } from './backup-folder.ts';
import {
	readBackupFacts,
	readChatwootFacts,
	readMailFacts,
	readMetaCallback,
} from './go-live-facts.ts';

describe('go-live-facts.ts', () => {
	describe('readChatwootFacts', () => {
		let server: RunningServer;
		before(async () => {
			server = await listen(createChatwootSimulator({ simulateWhatsappSend: false }).app);
		});
		after(() => server?.close());
		const read = (accessToken = CHATWOOT_SIM_USER_TOKEN) =>
			readChatwootFacts({ baseUrl: server.url, accessToken, accountId: 1 });

		it("should list the WhatsApp inboxes' numbers and each team's agents", async () => {
			const facts = await read();
			assert.ok(facts.ok, facts.ok ? '' : facts.error);
			assert.deepEqual([...facts.value.whatsappNumbers].sort(), [
				'+15550000001',
				'+15550000002',
				'+15550000003',
			]);
			assert.deepEqual(facts.value.teams, [
				{ name: 'sales', members: 1 },
				{ name: 'support', members: 1 },
				{ name: 'billing', members: 1 },
			]);
		});

		it('should count a team emptied in Chatwoot as having no agent', async () => {
			const teams = (await (
				await fetch(`${server.url}/api/v1/accounts/1/teams`, {
					headers: { api_access_token: CHATWOOT_SIM_USER_TOKEN },
				})
			).json()) as { id: number; name: string }[];
			const support = teams.find((t) => t.name === 'support')!;
			const members = (await (
				await fetch(`${server.url}/api/v1/accounts/1/teams/${support.id}/team_members`, {
					headers: { api_access_token: CHATWOOT_SIM_USER_TOKEN },
				})
			).json()) as { id: number }[];
			const removed = await fetch(
				`${server.url}/api/v1/accounts/1/teams/${support.id}/team_members`,
				{
					method: 'DELETE',
					headers: {
						api_access_token: CHATWOOT_SIM_USER_TOKEN,
						'content-type': 'application/json',
					},
					body: JSON.stringify({ user_ids: members.map((m) => m.id) }),
				},
			);
			assert.ok(removed.ok, `DELETE team_members: ${removed.status}`);
			const facts = await read();
			assert.ok(facts.ok);
			assert.deepEqual(
				facts.value.teams.find((t) => t.name === 'support'),
				{ name: 'support', members: 0 },
			);
		});

		it('should turn a refused token into one line, not a throw', async () => {
			const facts = await read('not-a-token');
			assert.equal(facts.ok, false);
			assert.doesNotMatch(facts.ok ? '' : facts.error, /\n/);
			assert.match(facts.ok ? '' : facts.error, /401|unauthori[sz]ed|token/i);
		});
	});

	describe('readMetaCallback', () => {
		const meta = createMetaSimulator();
		let server: RunningServer;
		const wabaId = meta.state.config.businessNumbers[0]!.wabaId;
		before(async () => {
			server = await listen(meta.app);
		});
		after(() => {
			meta.stop();
			return server?.close();
		});
		const env = (overrides: Record<string, string> = {}) => ({
			META_GRAPH_URL: server.url,
			META_API_VERSION: 'v23.0',
			META_WABA_ID: wabaId,
			META_WHATSAPP_TOKEN: META_SIM_DEFAULT_TOKEN,
			...overrides,
		});

		it('should read null while the WABA has no override, then the override once set', async () => {
			assert.deepEqual(await readMetaCallback(env()), { ok: true, value: null });
			meta.state.whatsapp.callbackOverrides.set(wabaId, 'https://hooks.fibra.pt/webhooks/meta');
			assert.deepEqual(await readMetaCallback(env()), {
				ok: true,
				value: 'https://hooks.fibra.pt/webhooks/meta',
			});
		});

		it('should name the variables when Meta refuses the token', async () => {
			const read = await readMetaCallback(env({ META_WHATSAPP_TOKEN: 'expired' }));
			assert.equal(read.ok, false);
			assert.match(
				read.ok ? '' : read.error,
				/^Meta answered 4\d\d to GET \/\d+\/subscribed_apps: check META_WABA_ID and META_WHATSAPP_TOKEN/,
			);
		});

		it('should ask for the WABA id and token when they are empty, without calling Meta', async () => {
			assert.deepEqual(await readMetaCallback({ META_GRAPH_URL: server.url }), {
				ok: false,
				error:
					'cannot ask Meta where it sends webhooks: set META_WABA_ID and META_WHATSAPP_TOKEN in .env',
			});
		});
	});

	describe('readMailFacts', () => {
		it("should take the workflows' sender from MAILER_SENDER_EMAIL, else SMTP_USERNAME", () => {
			const server = { SMTP_ADDRESS: ' smtp.fibra.pt ', SMTP_USERNAME: 'noreply@fibra.pt' };
			assert.deepEqual(readMailFacts({ ...server, MAILER_SENDER_EMAIL: 'Fibra <hi@fibra.pt>' }), {
				sender: 'Fibra <hi@fibra.pt>',
				smtpHost: 'smtp.fibra.pt',
			});
			assert.equal(readMailFacts(server).sender, 'noreply@fibra.pt');
			assert.deepEqual(readMailFacts({}), { sender: '', smtpHost: '' });
		});
	});

	describe('readBackupFacts', () => {
		const dir = mkdtempSync(join(tmpdir(), 'sb-golive-backups-'));
		after(() => rmSync(dir, { recursive: true, force: true }));

		it('should find the newest finished backup, ignoring an unfinished one', () => {
			for (const [date, finished] of [
				['2026-12-04T03:15:00Z', true],
				['2026-12-05T03:15:00Z', true],
				['2026-12-06T03:15:00Z', false],
			] as const) {
				const folder = join(dir, backupFolderName(new Date(date)));
				mkdirSync(folder);
				if (finished) writeFileSync(join(folder, MANIFEST), '{}');
			}
			const facts = readBackupFacts(dir);
			assert.deepEqual(facts, {
				ok: true,
				value: { dir, newest: new Date('2026-12-05T03:15:00Z') },
			});
		});

		it('should say what to set when BACKUP_DIR is empty or missing', () => {
			assert.match(
				readBackupFacts(undefined).ok
					? ''
					: (readBackupFacts(undefined) as { error: string }).error,
				/^BACKUP_DIR is empty in \.env/,
			);
			const missing = readBackupFacts(join(dir, 'nope'));
			assert.match(missing.ok ? '' : missing.error, /does not exist: run backup\.ts once/);
		});
	});
});
