// npm run sim -- <chatwoot|meta|anthropic> [--port N]: one simulator in the foreground, state in memory.
import { parseArgs } from 'node:util';
import { listen } from './common/listen.ts';
import { simulators, type SimulatorName } from './registry.ts';

function usage(): never {
	console.error(`usage: npm run sim -- <${Object.keys(simulators).join('|')}> [--port N]`);
	process.exit(2);
}

const { positionals, values } = parseArgs({
	allowPositionals: true,
	options: { port: { type: 'string' } },
});
const name = positionals[0];
if (!name || !(name in simulators)) usage();
const sim = simulators[name as SimulatorName];
const port = values.port === undefined ? sim.defaultPort : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) usage();

const { app } = sim.create();
listen(app, port)
	.then((server) => {
		console.log(
			`${sim.title} simulator on ${server.url}  (requests: ${server.url}/__sim/requests)`,
		);
		const stop = () => server.close().then(() => process.exit(0));
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
	})
	.catch((err: NodeJS.ErrnoException) => {
		console.error(
			err.code === 'EADDRINUSE'
				? `sim: port ${port} is already in use: stop what uses it, or pass --port N.`
				: `sim: ${err.message}`,
		);
		process.exit(1);
	});
