// go-live-check.ts as an operator runs it, against the Chatwoot and Meta simulators (neither can run
// here) and a Directus that does not answer: each item is read, and what cannot be read is a "to do"
// that says so, never a crash.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { listen, type RunningServer } from '../../simulators/src/common/listen.ts';
import {
	CHATWOOT_SIM_INBOXES,
	CHATWOOT_SIM_USER_TOKEN,
	createChatwootSimulator,
	defaultSeed,
} from '../../simulators/src/chatwoot/index.ts';
import { createMetaSimulator, META_SIM_DEFAULT_TOKEN } from '../../simulators/src/meta/index.ts';
import { backupFolderName, MANIFEST } from './backup-folder.ts';
import { BUSINESS_TEMPLATE } from './business-config.ts';
import { repoRoot } from './paths.ts';

const run = promisify(execFile);

/** The business's real numbers, in its config and as its Chatwoot inboxes. */
const NUMBERS = { sales: '+351912000101', support: '+351912000102' };

describe('go-live-check.ts', () => {
	const dir = mkdtempSync(join(tmpdir(), 'sb-golive-'));
	const meta = createMetaSimulator();
	const wabaId = meta.state.config.businessNumbers[0]!.wabaId;
	let chatwoot: RunningServer;
	let graph: RunningServer;

	before(async () => {
		const seed = defaultSeed();
		for (const inbox of seed.inboxes ?? []) {
			if (inbox.phoneNumber === CHATWOOT_SIM_INBOXES.sales.phoneNumber)
				inbox.phoneNumber = NUMBERS.sales;
			if (inbox.phoneNumber === CHATWOOT_SIM_INBOXES.support.phoneNumber)
				inbox.phoneNumber = NUMBERS.support;
		}
		chatwoot = await listen(createChatwootSimulator({ seed, simulateWhatsappSend: false }).app);
		graph = await listen(meta.app);
		meta.state.whatsapp.callbackOverrides.set(wabaId, 'https://hooks.fibra.pt/webhooks/meta');
	});
	after(async () => {
		meta.stop();
		await Promise.all([chatwoot?.close(), graph?.close()]);
		rmSync(dir, { recursive: true, force: true });
	});

	it('should print each item done or to do, read from the systems, and exit 1 while any is left', async () => {
		const config = join(dir, 'business.yaml');
		writeFileSync(
			config,
			readFileSync(join(repoRoot, BUSINESS_TEMPLATE), 'utf8')
				.replace("'+15550000101'", `'${NUMBERS.sales}'`)
				.replace("'1555000000101'", "'106540352242101'")
				.replace("'+15550000102'", `'${NUMBERS.support}'`)
				.replace("'1555000000102'", "'106540352242102'"),
		);
		const backups = join(dir, 'backups');
		mkdirSync(join(backups, backupFolderName(new Date())), { recursive: true });
		writeFileSync(join(backups, backupFolderName(new Date()), MANIFEST), '{}');
		const envFile = join(dir, '.env');
		writeFileSync(
			envFile,
			[
				'GATEWAY_PUBLIC_HOST=hooks.fibra.pt',
				`CHATWOOT_API_TOKEN=${CHATWOOT_SIM_USER_TOKEN}`,
				'DIRECTUS_ADMIN_TOKEN=admin-token',
				'ANTHROPIC_API_KEY=sk-ant-test',
				'ANTHROPIC_MODEL=claude-sonnet-4-5',
				'ANTHROPIC_PRICE_INPUT=3',
				'ANTHROPIC_PRICE_OUTPUT=15',
				'META_WEBHOOK_VERIFY_TOKEN=verify',
				'META_APP_SECRET=app-secret',
				`META_GRAPH_URL=${graph.url}`,
				`META_WABA_ID=${wabaId}`,
				`META_WHATSAPP_TOKEN=${META_SIM_DEFAULT_TOKEN}`,
				'SMTP_ADDRESS=smtp.fibra.pt',
				'SMTP_USERNAME=noreply@fibra.pt',
				`BACKUP_DIR=${backups}`,
				'',
			].join('\n'),
		);
		const args = [
			join(import.meta.dirname, 'go-live-check.ts'),
			'--dotenv',
			envFile,
			'--config',
			config,
			'--chatwoot-url',
			chatwoot.url,
			// Nothing listens on port 9: Directus is down.
			'--directus-url',
			'http://127.0.0.1:9',
		];
		await assert.rejects(
			run(process.execPath, args),
			(error: Error & { code: number; stdout: string; stderr: string }) => {
				assert.equal(error.code, 1);
				assert.equal(error.stderr, '');
				const lines = error.stdout.trim().split('\n');
				assert.deepEqual(
					lines.map((line) => line.split(':')[0]),
					[
						'done   Real WhatsApp numbers',
						'to do  Business info, hours and time zone (Directus)',
						'to do  FAQ',
						'to do  Message templates (Directus; WhatsApp approval)',
						'done   Agents in teams (Chatwoot)',
						'done   Claude key, model and prices (.env)',
						"done   Meta's callback and verify token",
						'done   Outgoing mail (.env)',
						'done   Backups',
						'3 of 9 to do.',
					],
				);
				assert.match(
					lines[1]!,
					/cannot read Directus: Could not reach Directus at http:\/\/127\.0\.0\.1:9/,
				);
				assert.match(lines[3]!, /cannot read Directus: Could not reach Directus/);
				assert.match(lines[4]!, /sales 1, support 1$/);
				// No MAILER_SENDER_EMAIL: the workflows send as the SMTP user.
				assert.match(lines[7]!, /sent through smtp\.fibra\.pt as noreply@fibra\.pt$/);
				return true;
			},
		);
	});
});
