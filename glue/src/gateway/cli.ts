// The gateway's operator commands. Only DATABASE_URL is needed: no secrets, no running gateway.
//   node glue/src/gateway/cli.ts dead-letters list|replay <id>|replay --all
//   node glue/src/gateway/cli.ts meta-dead-letters replay <id>|replay --all
import pg from 'pg';
import { z } from 'zod/v4';
import { DEAD_LETTERS_USAGE, deadLettersCommand } from './dead-letters/dead-letters.command.ts';
import {
	META_DEAD_LETTERS_USAGE,
	metaDeadLettersCommand,
} from './meta/meta-dead-letters.command.ts';

const io = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };

async function main(argv: string[]): Promise<number> {
	const [group, ...args] = argv;
	if (group !== 'dead-letters' && group !== 'meta-dead-letters') {
		io.err(`${DEAD_LETTERS_USAGE}\n${META_DEAD_LETTERS_USAGE}`);
		return 2;
	}
	const url = z.url({ protocol: /^postgres(ql)?$/ }).safeParse(process.env.DATABASE_URL);
	if (!url.success) {
		io.err('gateway cli: set DATABASE_URL to the ledger database (postgres://…)');
		return 2;
	}
	const pool = new pg.Pool({
		connectionString: url.data,
		max: 1,
		application_name: 'switchboard-cli',
	});
	try {
		return group === 'meta-dead-letters'
			? await metaDeadLettersCommand(args, pool, io)
			: await deadLettersCommand(args, pool, io);
	} finally {
		await pool.end();
	}
}

main(process.argv.slice(2)).then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => {
		io.err(`gateway cli: ${error instanceof Error ? error.message : String(error)}`);
		process.exitCode = 1;
	},
);
