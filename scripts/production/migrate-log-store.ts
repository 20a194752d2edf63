// Creates or updates our sb_ tables (the log store) in the database DATABASE_URL names: in production
// the Directus database, run inside the gateway image by first-start.ts. Safe to run again.
//   node scripts/production/migrate-log-store.ts [--database-url postgres://…]
import { runCli } from './cli.ts';
import { EnvFileError } from './env-file-error.ts';
import { ProductionError } from './production-error.ts';

const USAGE = `
Creates or updates our sb_ tables (the log store) in the database DATABASE_URL names: in production
the Directus database, run inside the gateway image by first-start.ts. Safe to run again.

Usage: node scripts/production/migrate-log-store.ts [--database-url postgres://…]

  --database-url <url>   the database (default: DATABASE_URL)
  -h, --help             this text
`;

const options = { 'database-url': { type: 'string', default: process.env.DATABASE_URL } } as const;

runCli({ usage: USAGE, options }, async ({ values }) => {
	const { default: pg } = await import('pg');
	const { LogStoreError, migrate } = await import('@switchboard/glue/log-store');
	const { describePostgresError, redactUrl } = await import('../lib/postgres.ts');
	const url = values['database-url'];
	if (!url) {
		throw new EnvFileError({
			file: 'environment',
			reason: 'set DATABASE_URL or pass --database-url',
			variables: ['DATABASE_URL'],
		});
	}
	const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 10_000 });
	try {
		const result = await migrate(pool);
		console.log(
			result.applied.length
				? `Log store in ${redactUrl(url)}: applied ${result.applied.join(', ')}, now at ${result.current}.`
				: `Log store in ${redactUrl(url)} is current (${result.current}).`,
		);
	} catch (err) {
		if (err instanceof LogStoreError) throw new ProductionError(err.message, { cause: err });
		throw new ProductionError(describePostgresError(err, url), { cause: err });
	} finally {
		await pool.end();
	}
});
