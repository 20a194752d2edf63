import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { volumesToArchive } from './backup-run.ts';
import { formatCommand } from './command.ts';
import {
	activeServices,
	composeCommand,
	defaultProject,
	dockerVolumeName,
	loadComposeFile,
	profilesFrom,
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
