import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { listen, type RunningServer } from '../../../../simulators/src/common/listen.ts';
import {
	CHATWOOT_SIM_USER_TOKEN,
	createChatwootSimulator,
	type ChatwootSimulator,
} from '../../../../simulators/src/chatwoot/index.ts';
import { applyChatwootConfig } from './apply-chatwoot-config.ts';
import { ChatwootConfigFileError } from './chatwoot-config-file-error.ts';
import { DEFAULT_CONFIG_FILE } from './index.ts';

describe('pipeline labels in the Chatwoot config', () => {
	let sim: ChatwootSimulator;
	let server: RunningServer;
	const dir = mkdtempSync(join(tmpdir(), 'sb-pipeline-labels-'));
	before(async () => {
		sim = createChatwootSimulator({ simulateWhatsappSend: false });
		server = await listen(sim.app);
	});
	after(async () => {
		await server?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('should refuse, before any write, a config without a label the hand-off writes', async () => {
		const text = readFileSync(DEFAULT_CONFIG_FILE, 'utf8');
		const withoutTransferred = text.replace(/ {2}- title: transferred\n(?: {4}.*\n)*/, '');
		assert.notEqual(withoutTransferred, text);
		const configFile = join(dir, 'no-transferred.yaml');
		writeFileSync(configFile, withoutTransferred);
		const labelsBefore = sim.state.labels.all().length;

		await assert.rejects(
			applyChatwootConfig({
				configFile,
				env: { GATEWAY_PUBLIC_URL: 'http://127.0.0.1:8080' },
				chatwoot: { baseUrl: server.url, accessToken: CHATWOOT_SIM_USER_TOKEN },
			}),
			(error) =>
				error instanceof ChatwootConfigFileError &&
				error.issues.some((issue) => issue.message.startsWith('needs the label transferred')),
		);
		assert.equal(sim.state.labels.all().length, labelsBefore);
	});
});
