// How the scripts call Docker Compose, and the parts of compose/docker-compose.yml they read.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod/v4';
import type { Command } from './command.ts';
import { paths, repoRoot } from './paths.ts';

export interface ComposeProject {
	/** Commands run from here; the other two paths are printed relative to it. */
	root: string;
	envFile: string;
	composeFile: string;
}

export const defaultProject: ComposeProject = {
	root: repoRoot,
	envFile: paths.envFile,
	composeFile: paths.composeFile,
};

/** `docker compose --env-file .env -f compose/docker-compose.yml <args>` from the repository root. */
export function composeCommand(
	project: ComposeProject,
	args: string[],
	io: Pick<Command, 'stdoutFile' | 'stdinFile'> = {},
): Command {
	return {
		program: 'docker',
		args: [
			'compose',
			'--env-file',
			relative(project.root, project.envFile),
			'-f',
			relative(project.root, project.composeFile),
			...args,
		],
		cwd: project.root,
		...io,
	};
}

const serviceSchema = z.looseObject({
	image: z.string().optional(),
	build: z.unknown().optional(),
	profiles: z.array(z.string()).optional(),
	ports: z.array(z.unknown()).optional(),
	networks: z.union([z.array(z.string()), z.record(z.string(), z.unknown())]).optional(),
	network_mode: z.string().optional(),
	healthcheck: z.looseObject({ test: z.unknown(), disable: z.boolean().optional() }).optional(),
	volumes: z.array(z.unknown()).optional(),
	environment: z.union([z.record(z.string(), z.unknown()), z.array(z.string())]).optional(),
});

const composeFileSchema = z.looseObject({
	name: z.string(),
	services: z.record(z.string(), serviceSchema),
	networks: z
		.record(z.string(), z.looseObject({ internal: z.boolean().optional() }).nullable())
		.optional(),
	volumes: z
		.record(z.string(), z.looseObject({ name: z.string().optional() }).nullable())
		.optional(),
});
export type ComposeFile = z.output<typeof composeFileSchema>;
export type ComposeService = z.output<typeof serviceSchema>;

/** The compose file as Compose sees it: YAML merge keys (`<<: *anchor`) resolved. */
export function parseComposeText(text: string): unknown {
	return parse(text, { merge: true });
}

export function loadComposeFile(file = paths.composeFile): ComposeFile {
	return composeFileSchema.parse(parseComposeText(readFileSync(file, 'utf8')));
}

/** Services that `docker compose up` starts with these profiles active. */
export function activeServices(compose: ComposeFile, profiles: string[]): string[] {
	return Object.entries(compose.services)
		.filter(
			([, service]) =>
				!service.profiles?.length || service.profiles.some((p) => profiles.includes(p)),
		)
		.map(([name]) => name);
}

/** The Docker name of a named volume: `<project>_<volume>` unless the file names it. */
export function dockerVolumeName(compose: ComposeFile, volume: string): string {
	return compose.volumes?.[volume]?.name ?? `${compose.name}_${volume}`;
}

/** COMPOSE_PROFILES from .env, as Compose reads it (comma-separated). */
export function profilesFrom(env: Record<string, string | undefined>): string[] {
	return (env.COMPOSE_PROFILES ?? '')
		.split(',')
		.map((p) => p.trim())
		.filter(Boolean);
}

/**
 * `up -d --wait` for the whole stack as .env describes it. A plain `up` would bring the n8n workers
 * back to one, and would start Newt before Pangolin has given it an id, so both are passed each time.
 */
export function upStackArgs(env: Record<string, string | undefined>): string[] {
	const workers = /^[1-9]\d*$/.test(env.N8N_WORKERS ?? '') ? env.N8N_WORKERS! : '1';
	const newtReady = Boolean(env.NEWT_ID && env.NEWT_SECRET);
	return [
		'up',
		'-d',
		'--wait',
		'--scale',
		`n8n-worker=${workers}`,
		...(newtReady ? [] : ['--scale', 'newt=0']),
	];
}
