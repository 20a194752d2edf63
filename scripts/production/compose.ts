// How the scripts call Docker Compose, and the parts of compose/docker-compose.yml they read.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod/v4';
import type { Command } from './command.ts';
import { paths, repoRoot } from './paths.ts';
import { ProductionError } from './production-error.ts';

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
	mem_limit: z.union([z.string(), z.number()]).optional(),
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

/** A service that cannot start until a person has copied a value from another UI into .env. */
export interface WaitingService {
	service: string;
	/** What .env still lacks, for the operator. */
	needs: string;
}

/** The gateway's replicas in compose/docker-compose.yml: they start, wait and restart together. */
export const GATEWAY_REPLICAS = ['gateway', 'gateway-2'] as const;

/**
 * Services kept at zero containers for now: Newt until Pangolin has given it an id, the gateway
 * until Chatwoot has given the agent bot's secret (and, while the reconciler is on, an API token).
 * Started any earlier, each would only restart in a loop and fail `up --wait`.
 */
export function waitingServices(env: Record<string, string | undefined>): WaitingService[] {
	const set = (name: string) => Boolean(env[name]?.trim());
	const waiting: WaitingService[] = [];
	if (!set('NEWT_ID') || !set('NEWT_SECRET'))
		waiting.push({ service: 'newt', needs: 'NEWT_ID and NEWT_SECRET' });
	const botSecret = set('CHATWOOT_BOT_SECRET') || set('CHATWOOT_WEBHOOK_SECRET');
	const reconcilerNeedsToken =
		env.GATEWAY_RECONCILE_INTERVAL_MS?.trim() !== '0' && !set('CHATWOOT_API_TOKEN');
	if (!botSecret || reconcilerNeedsToken) {
		const needs = [
			...(reconcilerNeedsToken ? ['CHATWOOT_API_TOKEN'] : []),
			...(botSecret ? [] : ['CHATWOOT_BOT_SECRET']),
		];
		waiting.push({ service: 'gateway', needs: needs.join(' and ') });
	}
	return waiting;
}

/** The compose services waitingServices keeps at zero containers: the gateway means both replicas. */
export function heldBackServices(env: Record<string, string | undefined>): string[] {
	return waitingServices(env).flatMap(({ service }) =>
		service === 'gateway' ? [...GATEWAY_REPLICAS] : [service],
	);
}

/**
 * The n8n workers of compose/docker-compose.yml, each with its task-runner sidecar. Named pairs, not
 * `--scale`: Compose cannot give each replica of a scaled service a sidecar of its own.
 */
export const N8N_WORKER_PAIRS = [
	{ worker: 'n8n-worker', runners: 'n8n-worker-runners' },
	{ worker: 'n8n-worker-2', runners: 'n8n-worker-2-runners' },
] as const;

/** N8N_WORKERS as a count of worker pairs: empty means 1; more than compose defines is an error. */
export function n8nWorkerCount(env: Record<string, string | undefined>): number {
	const value = env.N8N_WORKERS?.trim() || '1';
	const count = /^[1-9]\d*$/.test(value) ? Number(value) : Number.NaN;
	if (count >= 1 && count <= N8N_WORKER_PAIRS.length) return count;
	throw new ProductionError(
		`.env: N8N_WORKERS=${value} must be a whole number from 1 to ${N8N_WORKER_PAIRS.length}, the worker pairs compose/docker-compose.yml defines; for more, copy the n8n-worker-2 pair (compose/README.md, "Adding n8n workers")`,
	);
}

/** The worker pairs N8N_WORKERS leaves out, as services to keep at zero containers. */
export function unusedWorkerServices(env: Record<string, string | undefined>): string[] {
	return N8N_WORKER_PAIRS.slice(n8nWorkerCount(env)).flatMap(({ worker, runners }) => [
		worker,
		runners,
	]);
}

/**
 * `up -d --wait` for the whole stack as .env describes it. A plain `up` would start every worker
 * pair and the waiting services too early, so what stays at zero is passed each time.
 */
export function upStackArgs(env: Record<string, string | undefined>): string[] {
	return [
		'up',
		'-d',
		'--wait',
		...[...unusedWorkerServices(env), ...heldBackServices(env)].flatMap((service) => [
			'--scale',
			`${service}=0`,
		]),
	];
}

/**
 * A value of the compose file as Compose substitutes it from .env: `${NAME}`, `${NAME:-default}`
 * (default when unset or empty), `${NAME-default}` (default when unset) and `$$` for a literal `$`.
 */
export function interpolate(value: string, env: Record<string, string | undefined>): string {
	return value.replace(
		/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}/g,
		(match, name: string | undefined, operator: string | undefined, fallback: string) => {
			if (match === '$$') return '$';
			const current = env[name!];
			if (operator === ':-' && !current) return fallback;
			if (operator === '-' && current === undefined) return fallback;
			return current ?? '';
		},
	);
}
