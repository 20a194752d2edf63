// Is every service up and healthy? Reads Docker's health status of each compose service (their health
// checks call /healthz, /server/ping, /api, pg_isready, redis-cli ping…) and probes any --url given.
// Exit code 0 only when everything is healthy.
//   node scripts/production/health.ts [--url name=https://…]… [--no-compose]   (--help: all)
import { runCli } from './cli.ts';
import type { HealthRow } from './health-report.ts';
import { paths } from './paths.ts';
import { ProductionError } from './production-error.ts';

const USAGE = `
Is every service up and healthy? Reads Docker's health status of each compose service (their
checks call /healthz, /server/ping, /api, pg_isready, redis-cli ping…), names the services still
waiting for a value in .env, and probes each --url. Exit code 0 only when everything is healthy.

Usage: node scripts/production/health.ts [--url name=https://host/path]… [--no-compose]

  --url <name=url>   also probe this URL (repeatable), e.g. --url gateway=https://hooks.example.org/healthz
  --no-compose       only the --url probes, no Docker
  --dotenv <file>    the .env to read (default: .env in the repository root)
  -h, --help         this text
`;

function parseUrlOption(option: string): { name: string; url: string } {
	const at = option.indexOf('=');
	if (at < 1) throw new ProductionError(`--url ${option}: write it as name=https://host/path`);
	return { name: option.slice(0, at), url: option.slice(at + 1) };
}

const options = {
	url: { type: 'string', multiple: true, default: [] as string[] },
	'no-compose': { type: 'boolean', default: false },
	dotenv: { type: 'string', default: paths.envFile },
} as const;

runCli({ usage: USAGE, options }, async ({ values }) => {
	// Imported here so that a clone without node_modules gets --help and a one-line fix (cli.ts).
	const { createProcessRunner } = await import('./command.ts');
	const compose = await import('./compose.ts');
	const { readEnvFile } = await import('./env-file.ts');
	const { checkUrl, evaluateServices, formatReport, parseComposePs } =
		await import('./health-report.ts');
	const {
		activeServices,
		composeCommand,
		defaultProject,
		heldBackServices,
		loadComposeFile,
		profilesFrom,
		unusedWorkerServices,
		waitingServices,
	} = compose;
	const rows: HealthRow[] = [];
	const notes: string[] = [];
	if (!values['no-compose']) {
		const project = { ...defaultProject, envFile: values.dotenv };
		const env = readEnvFile(project.envFile);
		// Newt and the gateway only run once .env has what Pangolin and Chatwoot hand out
		// (compose/README.md, steps 5 and 6).
		const waiting = waitingServices(env);
		for (const { service, needs } of waiting)
			notes.push(`${service} is not started yet: it waits for ${needs} in .env.`);
		// …and only the worker pairs N8N_WORKERS asks for run.
		const heldBack = [...heldBackServices(env), ...unusedWorkerServices(env)];
		const expected = activeServices(loadComposeFile(project.composeFile), profilesFrom(env)).filter(
			(service) => !heldBack.includes(service),
		);
		const output = await createProcessRunner().capture(
			composeCommand(project, ['ps', '--all', '--format', 'json']),
		);
		rows.push(...evaluateServices(expected, parseComposePs(output)));
	}
	rows.push(
		...(await Promise.all(
			values.url.map(parseUrlOption).map(({ name, url }) => checkUrl(name, url)),
		)),
	);
	console.log(formatReport(rows));
	for (const note of notes) console.log(note);
	const failing = rows.filter((row) => !row.ok).length;
	console.log(failing ? `${failing} not healthy.` : 'All healthy.');
	return failing ? 1 : 0;
});
