import { ProductionError } from './production-error.ts';

/**
 * Runs a CLI's main and sets the exit code: a ProductionError prints as one line the operator can act
 * on; anything else is a bug and prints with its stack.
 */
export function runCli(main: () => Promise<number | void>): void {
	main().then(
		(code) => {
			process.exitCode = code ?? 0;
		},
		(err: unknown) => {
			if (err instanceof ProductionError) console.error(`switchboard: ${err.message}`);
			else console.error('switchboard: unexpected failure:', err);
			process.exitCode = 1;
		},
	);
}
