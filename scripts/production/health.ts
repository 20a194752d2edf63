// Is every service up and healthy? Reads Docker's health status of each compose service (their health
// checks call /healthz, /server/ping, /api, pg_isready, redis-cli ping…) and probes any --url given.
// Exit code 0 only when everything is healthy.
//   bash scripts/with-node24 node scripts/production/health.ts [--url name=https://…]… [--no-compose]
import { parseArgs } from 'node:util';
import { runCli } from './cli.ts';
import { createProcessRunner } from './command.ts';
import {
	activeServices,
	composeCommand,
	defaultProject,
	heldBackServices,
	loadComposeFile,
	profilesFrom,
	unusedWorkerServices,
	waitingServices,
} from './compose.ts';
import { readEnvFile } from './env-file.ts';
import { ProductionError } from './production-error.ts';
import {
	checkUrl,
	evaluateServices,
	formatReport,
	parseComposePs,
	type HealthRow,
} from './health-report.ts';

function parseUrlOption(option: string): { name: string; url: string } {
	const at = option.indexOf('=');
	if (at < 1) throw new ProductionError(`--url ${option}: write it as name=https://host/path`);
	return { name: option.slice(0, at), url: option.slice(at + 1) };
}

runCli(async () => {
	const { values } = parseArgs({
		options: {
			url: { type: 'string', multiple: true, default: [] },
			'no-compose': { type: 'boolean', default: false },
			dotenv: { type: 'string', default: defaultProject.envFile },
		},
	});
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
