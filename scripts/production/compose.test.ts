import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { volumesToArchive } from './backup-run.ts';
import { formatCommand } from './command.ts';
import {
	activeServices,
	composeCommand,
	defaultProject,
	dockerVolumeName,
	interpolate,
	loadComposeFile,
	profilesFrom,
	n8nWorkerCount,
	upStackArgs,
	waitingServices,
} from './compose.ts';

const compose = loadComposeFile();

describe('compose', () => {
	describe('composeCommand', () => {
		it('should always pass the env file and the compose file, from the repository root', () => {
			const command = composeCommand(defaultProject, ['ps', '--format', 'json']);
			assert.equal(
				formatCommand(command),
				'docker compose --env-file .env -f compose/docker-compose.yml ps --format json',
			);
			assert.equal(command.cwd, defaultProject.root);
		});
	});

	describe('activeServices', () => {
		it('should leave the edge services out unless their profile is active', () => {
			const edge = ['pangolin', 'gerbil', 'traefik'];
			assert.deepEqual(
				activeServices(compose, []).filter((s) => edge.includes(s)),
				[],
			);
			assert.deepEqual(
				activeServices(compose, profilesFrom({ COMPOSE_PROFILES: ' edge, other ' })).filter((s) =>
					edge.includes(s),
				),
				edge,
			);
			assert.ok(activeServices(compose, []).includes('newt'), 'Newt runs on every app host');
		});
	});

	describe('dockerVolumeName', () => {
		it('should prefix volumes with the project name, as Docker names them', () => {
			assert.equal(dockerVolumeName(compose, 'chatwoot-storage'), 'switchboard_chatwoot-storage');
		});
	});

	describe('interpolate', () => {
		it('should substitute like Compose: unset, empty, defaults and the $$ escape', () => {
			const env = { A: 'a', EMPTY: '' };
			assert.equal(interpolate('x-${A}-y', env), 'x-a-y');
			assert.equal(interpolate('${MISSING}', env), '');
			assert.equal(interpolate('${EMPTY:-d}|${MISSING:-d}|${A:-d}', env), 'd|d|a');
			assert.equal(interpolate('${EMPTY-d}|${MISSING-d}', env), '|d');
			assert.equal(interpolate('${A:-}', env), 'a');
			assert.equal(interpolate('$$A and $${A}', env), '$A and ${A}');
			assert.equal(interpolate('http://h:1/${A:-x/y}', env), 'http://h:1/a');
		});
	});

	describe('waitingServices', () => {
		it('should hold Newt and the gateway back until .env has what Pangolin and Chatwoot give', () => {
			assert.deepEqual(waitingServices({}), [
				{ service: 'newt', needs: 'NEWT_ID and NEWT_SECRET' },
				{ service: 'gateway', needs: 'CHATWOOT_API_TOKEN and CHATWOOT_BOT_SECRET' },
			]);
			assert.deepEqual(
				waitingServices({
					NEWT_ID: 'i',
					NEWT_SECRET: 's',
					CHATWOOT_API_TOKEN: 't',
					CHATWOOT_BOT_SECRET: ' ',
				}),
				[{ service: 'gateway', needs: 'CHATWOOT_BOT_SECRET' }],
			);
			// Without the reconciler the gateway needs no API token; either secret name will do.
			assert.deepEqual(
				waitingServices({
					NEWT_ID: 'i',
					NEWT_SECRET: 's',
					CHATWOOT_WEBHOOK_SECRET: 'bot-secret',
					GATEWAY_RECONCILE_INTERVAL_MS: '0',
				}),
				[],
			);
		});

		it('should scale the waiting services to zero when the stack comes up', () => {
			assert.deepEqual(upStackArgs({ N8N_WORKERS: '2', NEWT_ID: 'i', NEWT_SECRET: 's' }), [
				'up',
				'-d',
				'--wait',
				'--scale',
				'gateway=0',
				'--scale',
				'gateway-2=0',
			]);
		});

		it('should keep the worker pairs beyond N8N_WORKERS at zero, each worker with its runners', () => {
			const ready = { NEWT_ID: 'i', NEWT_SECRET: 's', GATEWAY_RECONCILE_INTERVAL_MS: '0' };
			for (const workers of [undefined, '', '1']) {
				assert.deepEqual(
					upStackArgs({ ...ready, CHATWOOT_BOT_SECRET: 'b', N8N_WORKERS: workers }),
					['up', '-d', '--wait', '--scale', 'n8n-worker-2=0', '--scale', 'n8n-worker-2-runners=0'],
				);
			}
		});

		it('should refuse more workers than compose defines pairs for, or nonsense, naming the value', () => {
			for (const workers of ['3', '0', 'two']) {
				assert.throws(() => n8nWorkerCount({ N8N_WORKERS: workers }), {
					name: 'ProductionError',
					message: new RegExp(`N8N_WORKERS=${workers} must be a whole number from 1 to 2`),
				});
			}
		});
	});

	describe('volumesToArchive', () => {
		it('should archive the volumes of active services but not the database files or Redis', () => {
			assert.deepEqual(
				volumesToArchive(compose, ['edge']).map((v) => v.name),
				['chatwoot-storage', 'directus-uploads', 'gerbil-data', 'letsencrypt', 'pangolin-data'],
			);
			assert.deepEqual(
				volumesToArchive(compose, []).map((v) => v.name),
				['chatwoot-storage', 'directus-uploads'],
			);
		});
	});
});
