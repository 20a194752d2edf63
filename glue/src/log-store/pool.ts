import pg from 'pg';

/** Connection settings as an operator enters them (the n8n credential, the gateway's env). */
export interface LogStoreConnection {
	host: string;
	port: number;
	database: string;
	user: string;
	password: string;
	/** require: encrypted, any certificate; verify: encrypted, certificate checked. */
	ssl: 'disable' | 'require' | 'verify';
}

// One small pool per connection for the life of the process: opening a connection per write
// would cost more than the insert.
const pools = new Map<string, pg.Pool>();

/** A pool of its own, e.g. for a one-off check; the caller ends it. */
export function createLogStorePool(connection: LogStoreConnection): pg.Pool {
	const pool = new pg.Pool({
		host: connection.host,
		port: Number(connection.port) || 5432,
		database: connection.database,
		user: connection.user,
		password: connection.password || undefined,
		ssl:
			connection.ssl === 'verify'
				? true
				: connection.ssl === 'require'
					? { rejectUnauthorized: false }
					: undefined,
		max: 4,
		idleTimeoutMillis: 30_000,
		connectionTimeoutMillis: 10_000,
		application_name: 'switchboard',
	});
	// An idle client losing its connection emits here; without a listener that would crash the
	// host process (n8n). The pool drops the client and the next query reconnects.
	pool.on('error', () => undefined);
	return pool;
}

export function sharedLogStorePool(connection: LogStoreConnection): pg.Pool {
	const key = JSON.stringify(connection);
	let pool = pools.get(key);
	if (!pool) {
		pool = createLogStorePool(connection);
		pools.set(key, pool);
	}
	return pool;
}
