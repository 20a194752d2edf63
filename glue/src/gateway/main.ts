// The gateway process: parse the environment, migrate, listen, forward, reconcile; on SIGTERM or
// SIGINT stop taking requests, finish what is in flight, and leave (forced after a timeout).
import pg from 'pg';
import { createLogger, errorFields } from './common/logger.ts';
import { parseGatewayConfig } from './config.ts';
import { createGateway } from './gateway.ts';
import { createHttpServer } from './server.ts';

async function main(): Promise<void> {
	const config = parseGatewayConfig(process.env);
	const logger = createLogger({ level: config.logLevel });
	const pool = new pg.Pool({
		connectionString: config.databaseUrl,
		max: 10,
		connectionTimeoutMillis: 10_000,
		application_name: 'switchboard-gateway',
	});
	// An idle client losing its connection emits here; without a listener it would crash the process.
	pool.on('error', (error) =>
		logger.warn('gateway: idle database connection lost', errorFields(error)),
	);

	const gateway = createGateway(config, { pool, logger });
	const server = createHttpServer(gateway.app, config.http);
	let stopping = false;
	const shutdown = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		logger.info('gateway: shutting down', { signal });
		const force = setTimeout(() => {
			logger.error('gateway: shutdown timed out, exiting', { timeoutMs: config.shutdownTimeoutMs });
			process.exit(1);
		}, config.shutdownTimeoutMs);
		force.unref();
		// Not listening yet (a signal during the migrations): close() reports that, and that is fine.
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		server.closeIdleConnections();
		await Promise.all([closed, gateway.stop()]);
		await pool.end();
		logger.info('gateway: stopped');
	};
	process.once('SIGTERM', () => void shutdown('SIGTERM'));
	process.once('SIGINT', () => void shutdown('SIGINT'));

	try {
		await gateway.start();
	} catch (error) {
		await pool.end().catch(() => undefined);
		throw error;
	}
	// A signal during the migrations: stop what start() just began instead of listening.
	if (stopping) {
		await gateway.stop();
		return;
	}
	server.listen(config.port);
	server.once('error', (error) => {
		logger.error('gateway: cannot listen', { port: config.port, ...errorFields(error) });
		process.exitCode = 1;
		void shutdown('listen-error');
	});
	server.once('listening', () => {
		const address = server.address();
		const port = typeof address === 'object' && address ? address.port : config.port;
		logger.info('gateway: listening', { port });
	});
}

main().catch((error: unknown) => {
	// Before the logger exists (a bad environment) this is the only way to say why.
	console.error(
		JSON.stringify({ level: 'error', message: 'gateway: failed to start', ...errorFields(error) }),
	);
	process.exitCode = 1;
});
