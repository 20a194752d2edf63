// npm run sim -- <chatwoot|meta|anthropic|smtp|google-calendar> [--port N] [--sidecar-port N]: one
// simulator in the foreground, state in memory. --sidecar-port moves a simulator's second listener
// (the SMTP sink's SMTP port, default 2525).
import { parseArgs } from 'node:util';
import { listen } from './common/listen.ts';
import { simulators, type SimulatorName } from './registry.ts';

function usage(): never {
	console.error(
		`usage: npm run sim -- <${Object.keys(simulators).join('|')}> [--port N] [--sidecar-port N]`,
	);
	process.exit(2);
}

const { positionals, values } = parseArgs({
	allowPositionals: true,
	options: { port: { type: 'string' }, 'sidecar-port': { type: 'string' } },
});
const name = positionals[0];
if (!name || !(name in simulators)) usage();
const sim = simulators[name as SimulatorName];
const port = values.port === undefined ? sim.defaultPort : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) usage();

const created = sim.create();
const sidecar = 'sidecar' in created ? created.sidecar : undefined;
const sidecarPort =
	values['sidecar-port'] === undefined ? sidecar?.defaultPort : Number(values['sidecar-port']);
if (sidecarPort !== undefined && (!Number.isInteger(sidecarPort) || sidecarPort > 65535)) usage();
listen(created.app, port)
	.then(async (server) => {
		const extra = sidecar ? await sidecar.listen(sidecarPort!) : undefined;
		console.log(
			`${sim.title} simulator on ${server.url}  (requests: ${server.url}/__sim/requests)` +
				(extra && sidecar ? `  ${sidecar.title} on ${extra.url}` : ''),
		);
		const stop = () => Promise.all([server.close(), extra?.close()]).then(() => process.exit(0));
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
	})
	.catch((err: NodeJS.ErrnoException & { port?: number }) => {
		console.error(
			err.code === 'EADDRINUSE'
				? `sim: port ${err.port ?? port} is already in use: stop what uses it, or pass --port N (--sidecar-port N).`
				: `sim: ${err.message}`,
		);
		process.exit(1);
	});
