// npm start: one command runs the local stack and says where everything is.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { localStackOptions, parseLocalEnv } from './lib/local-config.ts';
import { assertRedisReachable } from './lib/redis.ts';
import { startSimulators, stopSimulators, type EndpointInUse } from './lib/simulators.ts';
import { StackError } from './lib/stack-error.ts';
import { startStack, type Stack } from './lib/supervisor.ts';

const root = join(import.meta.dirname, '..');
const stateDir = join(root, '.stack', 'local');

function banner(stack: Stack, endpoints: EndpointInUse[], email: string, password: string): string {
	const local = (url: string) => url.replace('127.0.0.1', 'localhost');
	const rows: [string, string][] = [
		['n8n editor', `${local(stack.n8n.url)}  (n8n ${stack.n8n.version})`],
		['Directus app', `${local(stack.directus.url)}/admin  (Directus ${stack.directus.version})`],
		['login (both)', `${email} / ${password}`],
		['n8n API key', stack.n8n.apiKey],
		['Directus token', stack.directus.adminToken],
		...endpoints.map(({ title, url, simulated, page }): [string, string] => [
			title,
			simulated ? `${local(page ?? url)}  (simulator: .env names no real one)` : `${url}  (real)`,
		]),
		['logs', stack.logDir],
	];
	const width = Math.max(...rows.map(([k]) => k.length));
	return [
		'',
		'switchboard is running:',
		...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
		'',
		'Press Ctrl-C to stop everything.',
	].join('\n');
}

async function main(): Promise<void> {
	if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'));
	const env = parseLocalEnv(process.env);
	await assertRedisReachable(env.REDIS_URL);
	const options = localStackOptions(env, stateDir);
	const endpoints = await startSimulators([
		{ name: 'chatwoot', realUrl: env.CHATWOOT_URL, port: env.CHATWOOT_SIM_PORT },
		{ name: 'meta', realUrl: env.META_GRAPH_URL, port: env.META_SIM_PORT },
		{ name: 'anthropic', realUrl: env.ANTHROPIC_BASE_URL, port: env.ANTHROPIC_SIM_PORT },
	]);
	console.log(
		'Starting n8n and Directus (the first start runs their database migrations: about a minute)…',
	);
	const stack = await startStack(options).catch(async (err: unknown) => {
		await stopSimulators(endpoints);
		throw err;
	});
	console.log(banner(stack, endpoints, options.admin.email, options.admin.password));

	let stopping = false;
	const stop = async (signal: NodeJS.Signals) => {
		if (stopping) {
			console.log('Forcing the stop.');
			process.exit(130);
		}
		stopping = true;
		console.log(`\n${signal}: stopping n8n, Directus and the simulators…`);
		// A hung shutdown must not hold the terminal: exiting kills every child group anyway.
		setTimeout(() => process.exit(1), 30_000).unref();
		await Promise.all([stack.stop(), stopSimulators(endpoints)]);
		console.log('Stopped. Nothing is left running.');
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
	if (err instanceof StackError) {
		console.error(`switchboard: ${err.message}`);
		if (err.detail && process.env.SWITCHBOARD_DEBUG) console.error(err.detail);
	} else {
		console.error('switchboard: unexpected failure:', err);
	}
	process.exit(1);
});
