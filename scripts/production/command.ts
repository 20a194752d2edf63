// The one seam between the production scripts and the commands they run (docker compose, pg_dump…):
// the real runner spawns them, the dry-run runner prints them. Nothing else spawns processes.
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { CommandFailedError } from './command-failed-error.ts';

export interface Command {
	program: string;
	args: string[];
	/** Added to the environment. Passwords travel here, never in args; formatCommand masks them. */
	env?: Record<string, string>;
	cwd?: string;
	/** Standard output goes to this file (a dump) instead of the terminal. */
	stdoutFile?: string;
	/** Standard input comes from this file (a dump to restore). */
	stdinFile?: string;
	/**
	 * Standard input given as text, e.g. generated JSON holding secrets: formatCommand shows only
	 * `label`, never `text`.
	 */
	stdin?: { text: string; label: string };
}

export interface CommandRunner {
	/** Runs to completion; a non-zero exit throws CommandFailedError. */
	run(command: Command): Promise<void>;
	/** Runs to completion and returns its standard output, trimmed. */
	capture(command: Command): Promise<string>;
}

const SAFE_WORD = /^[\w@%+=:,./-]+$/;
const SECRET_NAME = /PASS|SECRET|TOKEN|KEY/i;

function quote(word: string): string {
	return SAFE_WORD.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** The command as a shell line a person could paste; secret-looking environment values are masked. */
export function formatCommand(command: Command): string {
	const env = Object.entries(command.env ?? {}).map(
		([name, value]) => `${name}=${SECRET_NAME.test(name) ? '***' : quote(value)}`,
	);
	const redirects = [
		...(command.stdinFile ? [`< ${quote(command.stdinFile)}`] : []),
		...(command.stdin ? [`<<< (${command.stdin.label})`] : []),
		...(command.stdoutFile ? [`> ${quote(command.stdoutFile)}`] : []),
	];
	return [...env, command.program, ...command.args.map(quote), ...redirects].join(' ');
}

const TAIL_CHARS = 2000;

function spawnCommand(
	command: Command,
	captureStdout: boolean,
	echoStderr: boolean,
): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(command.program, command.args, {
			cwd: command.cwd,
			env: { ...process.env, ...command.env },
			stdio: [
				command.stdinFile || command.stdin ? 'pipe' : 'ignore',
				command.stdoutFile || captureStdout ? 'pipe' : 'inherit',
				'pipe',
			],
		});
		let stderr = '';
		let stdout = '';
		child.stderr?.on('data', (chunk: Buffer) => {
			if (echoStderr) process.stderr.write(chunk);
			stderr = (stderr + chunk.toString()).slice(-TAIL_CHARS);
		});
		const written = command.stdoutFile
			? finished(child.stdout!.pipe(createWriteStream(command.stdoutFile, { mode: 0o600 })))
			: Promise.resolve();
		if (captureStdout && !command.stdoutFile) {
			child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		}
		// A process that exits before reading everything closes the pipe; its exit code tells why.
		child.stdin?.on('error', () => {});
		if (command.stdinFile) {
			const input = createReadStream(command.stdinFile);
			input.on('error', (err) => {
				child.kill();
				reject(err);
			});
			input.pipe(child.stdin!);
		} else if (command.stdin) {
			child.stdin?.end(command.stdin.text);
		}
		const fail = (exitCode: number | null, cause?: unknown) =>
			new CommandFailedError({
				command: formatCommand(command),
				exitCode,
				stderrTail: stderr.trim().split('\n').slice(-3).join(' | '),
				cause,
			});
		child.once('error', (err) => reject(fail(null, err)));
		child.once('close', (code) => {
			written.then(
				() => (code === 0 ? resolve(stdout.trim()) : reject(fail(code))),
				(err: unknown) => reject(fail(code, err)),
			);
		});
	});
}

/** Runs commands for real; their standard error streams to this process's unless `quiet`. */
export function createProcessRunner(options: { quiet?: boolean } = {}): CommandRunner {
	const echo = !options.quiet;
	return {
		run: async (command) => {
			await spawnCommand(command, false, echo);
		},
		capture: (command) => spawnCommand(command, true, echo),
	};
}

export interface DryRunOptions {
	print: (line: string) => void;
	/** What `capture` pretends the command printed (default: an empty string). */
	captured?: (command: Command) => string;
}

/** Prints each command instead of running it. */
export function createDryRunRunner(options: DryRunOptions): CommandRunner {
	return {
		run: async (command) => options.print(formatCommand(command)),
		capture: async (command) => {
			options.print(formatCommand(command));
			return options.captured?.(command) ?? '';
		},
	};
}
