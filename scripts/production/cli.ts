// The production scripts' command-line frame. It imports only node: modules and our own
// dependency-free files, so that `--help`, a bad option, an old Node or a clone nobody installed
// yet each end in one line naming the fix: every script imports what needs node_modules inside its
// main, where a missing package is caught.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { ProductionError } from './production-error.ts';

/** The light install step: the production scripts' dependencies, without the local runtimes. */
export const INSTALL_COMMAND = 'bash scripts/production/install.sh';

/**
 * Oldest Node that runs the scripts as they are: 22.18 strips TypeScript's types without a flag
 * (23.6 on the 23 line). The stack itself runs in containers with their own Node.
 */
export const MINIMUM_NODE = { major: 22, minor: 18 } as const;

/** Null when `version` (process.versions.node) can run the scripts, else the line to print. */
export function nodeVersionProblem(version: string): string | null {
	const [major = 0, minor = 0] = version.split('.').map(Number);
	const ok =
		major > 23 ||
		(major === 23 && minor >= 6) ||
		(major === MINIMUM_NODE.major && minor >= MINIMUM_NODE.minor);
	return ok
		? null
		: `needs Node >= ${MINIMUM_NODE.major}.${MINIMUM_NODE.minor} (this is ${version}): install Node 24 (https://nodejs.org/en/download), or run the script as \`bash scripts/with-node24 node …\`, which fetches it.`;
}

/**
 * The one line for an error the operator can fix, or null for a bug (printed with its stack).
 * A package that cannot be found means the install step was not run (or not since a pull).
 */
export function operatorMessage(err: unknown): string | null {
	if (err instanceof ProductionError) return err.message;
	const code = (err as { code?: unknown } | null)?.code;
	const message = err instanceof Error ? err.message : '';
	const missing = /^Cannot find package '([^']+)'/.exec(message);
	if (code === 'ERR_MODULE_NOT_FOUND' && missing) {
		return `package ${missing[1]} is not installed: run \`${INSTALL_COMMAND}\` in the repository root (again after each git pull).`;
	}
	return null;
}

export interface CliSpec<O extends ParseArgsOptionsConfig> {
	/** The whole `--help` text: what the script does, its usage lines and each option. */
	usage: string;
	options: O;
	allowPositionals?: boolean;
}

type Parsed<O extends ParseArgsOptionsConfig> = ReturnType<
	typeof parseArgs<{ options: O; allowPositionals: boolean; strict: true }>
>;

/**
 * Runs a CLI: checks Node, parses the arguments (`--help`/`-h` prints `usage`), then main, and sets
 * the exit code. An expected failure prints as one line the operator can act on, a bad argument too
 * (exit 2); anything else is a bug and prints with its stack.
 */
export function runCli<const O extends ParseArgsOptionsConfig>(
	spec: CliSpec<O>,
	main: (args: Parsed<O>) => Promise<number | void>,
	argv: string[] = process.argv.slice(2),
): void {
	const fail = (line: string, code: number) => {
		console.error(`switchboard: ${line}`);
		process.exitCode = code;
	};
	const old = nodeVersionProblem(process.versions.node);
	if (old) return fail(old, 1);
	let args: Parsed<O>;
	let help: boolean;
	try {
		const parsed = parseArgs({
			args: argv,
			options: { ...spec.options, help: { type: 'boolean', short: 'h' } },
			allowPositionals: spec.allowPositionals ?? false,
			strict: true,
		});
		help = (parsed.values as { help?: boolean }).help === true;
		args = parsed as unknown as Parsed<O>;
	} catch (err) {
		// parseArgs's own messages name the option ("Unknown option '--x'…"); its codes are ERR_PARSE_ARGS_*.
		const code = String((err as { code?: unknown }).code ?? '');
		if (!code.startsWith('ERR_PARSE_ARGS')) throw err;
		return fail(`${(err as Error).message.split('\n')[0]} (see --help)`, 2);
	}
	if (help) {
		console.log(spec.usage.trim());
		return;
	}
	main(args).then(
		(code) => {
			process.exitCode = code ?? 0;
		},
		(err: unknown) => {
			const line = operatorMessage(err);
			if (line) fail(line, 1);
			else {
				console.error('switchboard: unexpected failure:', err);
				process.exitCode = 1;
			}
		},
	);
}
