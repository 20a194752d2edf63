import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface ProcessSpec {
	name: string;
	command: string;
	args: string[];
	env: NodeJS.ProcessEnv;
	cwd: string;
	logFile: string;
	/** Run as this user and group (a parent running as root starts PostgreSQL as `postgres`). */
	uid?: number;
	gid?: number;
}

// Every live child, so that an exiting parent (a failed test, an uncaught error) never leaves one behind.
const live = new Set<ManagedProcess>();
process.once('exit', () => {
	for (const child of live) child.killNow();
});

/**
 * A child process in its own process group (detached), with stdout and stderr appended to a log file.
 * Stopping signals the whole group, because n8n starts a task-runner child of its own.
 */
export class ManagedProcess {
	readonly spec: ProcessSpec;
	private readonly child: ChildProcess;
	readonly exited: Promise<number | null>;
	private exitCode: number | null | undefined;

	constructor(spec: ProcessSpec) {
		this.spec = spec;
		mkdirSync(dirname(spec.logFile), { recursive: true });
		const log = createWriteStream(spec.logFile, { flags: 'a' });
		this.child = spawn(spec.command, spec.args, {
			cwd: spec.cwd,
			env: spec.env,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
			...(spec.uid === undefined ? {} : { uid: spec.uid }),
			...(spec.gid === undefined ? {} : { gid: spec.gid }),
		});
		this.child.stdout?.pipe(log);
		this.child.stderr?.pipe(log);
		live.add(this);
		this.exited = new Promise((resolve) => {
			this.child.once('exit', (code, signal) => {
				this.exitCode = code ?? (signal ? null : 0);
				live.delete(this);
				resolve(this.exitCode);
			});
			this.child.once('error', () => {
				this.exitCode = null;
				live.delete(this);
				resolve(null);
			});
		});
	}

	get pid(): number | undefined {
		return this.child.pid;
	}

	get running(): boolean {
		return this.exitCode === undefined;
	}

	/** The last lines of the log, to say why a process died. */
	logTail(lines = 15): string {
		try {
			return readFileSync(this.spec.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
		} catch {
			return '';
		}
	}

	/** SIGTERM to the group, then SIGKILL if it has not exited within the grace period. */
	async stop(graceMs = 10_000): Promise<void> {
		if (!this.running) return;
		this.signalGroup('SIGTERM');
		const timer = setTimeout(() => this.signalGroup('SIGKILL'), graceMs);
		await this.exited;
		clearTimeout(timer);
		// The group may outlive its leader (n8n's task runner): make sure nothing is left.
		this.signalGroup('SIGKILL');
	}

	/** Synchronous kill for the parent's exit handler, where nothing can be awaited. */
	killNow(): void {
		this.signalGroup('SIGKILL');
	}

	private signalGroup(signal: NodeJS.Signals): void {
		if (!this.child.pid) return;
		try {
			process.kill(-this.child.pid, signal);
		} catch {
			// ESRCH: the group is already gone.
		}
	}
}

/** Runs a command to completion (e.g. `directus bootstrap`), logging to the same kind of file. */
export async function runToCompletion(
	spec: ProcessSpec,
): Promise<{ code: number | null; tail: string }> {
	const proc = new ManagedProcess(spec);
	const code = await proc.exited;
	return { code, tail: proc.logTail() };
}
