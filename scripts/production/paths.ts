import { join } from 'node:path';

/** Where things are in a checkout; every production script runs from the repository root. */
export const repoRoot = join(import.meta.dirname, '..', '..');

export const paths = {
	envFile: join(repoRoot, '.env'),
	envExample: join(repoRoot, '.env.example'),
	composeDir: join(repoRoot, 'compose'),
	composeFile: join(repoRoot, 'compose', 'docker-compose.yml'),
	composeSchema: join(repoRoot, 'compose', 'compose-spec.schema.json'),
	pangolinTemplates: join(repoRoot, 'compose', 'pangolin', 'templates'),
	pangolinGenerated: join(repoRoot, 'compose', 'pangolin', 'generated'),
	postgresInit: join(repoRoot, 'compose', 'postgres', 'init'),
	runtimesEnv: join(repoRoot, 'scripts', 'runtimes.env'),
	n8nWorkflows: join(repoRoot, 'n8n', 'workflows'),
} as const;
