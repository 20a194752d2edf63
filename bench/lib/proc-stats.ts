// Memory and CPU of the processes under test, from Linux's /proc. A managed process leads its own
// process group (ManagedProcess starts it detached), so a group covers n8n's task runner too.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS = (() => {
	try {
		return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
	} catch {
		return 100;
	}
})();

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
	try {
		const line = readFileSync(`/proc/${pid}/status`, 'utf8')
			.split('\n')
			.find((l) => l.startsWith(`${field}:`));
		return line ? Number(line.split(/\s+/)[1]) : 0;
	} catch {
		return 0; // The process is gone.
	}
}

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
function statFields(pid: number): string[] | null {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	} catch {
		return null;
	}
}

/** Every live process in the group led by `pgid`. */
function groupPids(pgid: number): number[] {
	const pids: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		// After the name: state, ppid, pgrp, …
		if (statFields(Number(entry))?.[2] === String(pgid)) pids.push(Number(entry));
	}
	return pids;
}

export interface MemorySample {
	/** Resident set of the leader, MiB. */
	rssMiB: number;
	/** The leader's peak resident set so far (VmHWM), MiB. */
	peakRssMiB: number;
	/** Resident set of the whole group, MiB (pages shared between them counted twice). */
	groupRssMiB: number;
}

export function memoryOf(pid: number, group: readonly number[] = groupPids(pid)): MemorySample {
	const mib = (kb: number) => Math.round((kb / 1024) * 10) / 10;
	return {
		rssMiB: mib(statusKb(pid, 'VmRSS')),
		peakRssMiB: mib(statusKb(pid, 'VmHWM')),
		groupRssMiB: mib(group.reduce((sum, p) => sum + statusKb(p, 'VmRSS'), 0)),
	};
}

/** CPU seconds the group has used so far (user + system). */
export function cpuSecondsOf(pgid: number): number {
	let ticks = 0;
	for (const pid of groupPids(pgid)) {
		const fields = statFields(pid);
		// utime and stime are the 14th and 15th fields of stat, 12th and 13th after the name.
		if (fields) ticks += Number(fields[11]) + Number(fields[12]);
	}
	return ticks / CLOCK_TICKS;
}

/**
 * Polls memory every `everyMs` and keeps the highest group RSS seen, since VmHWM covers only the
 * leader. The group's members are looked up again only every 20 samples: a scan of /proc takes a
 * few ms, which would stall the load generator sharing this event loop.
 */
export function watchPeak(pid: number, everyMs = 500): { stop(): number } {
	let group = groupPids(pid);
	let samples = 0;
	let peak = memoryOf(pid, group).groupRssMiB;
	const timer = setInterval(() => {
		samples += 1;
		if (samples % 20 === 0) group = groupPids(pid);
		peak = Math.max(peak, memoryOf(pid, group).groupRssMiB);
	}, everyMs);
	return {
		stop() {
			clearInterval(timer);
			return Math.max(peak, memoryOf(pid).groupRssMiB);
		},
	};
}

/**
 * Waits until the groups together use less than `busyCores` of CPU over a `windowMs` window, so the
 * next run does not start while the last one's work (n8n's executions, the gateway's forwarding) is
 * still going. Gives up after `maxMs` and says how long it waited.
 */
export async function waitUntilQuiet(
	pgids: number[],
	options: { busyCores?: number; windowMs?: number; maxMs?: number } = {},
): Promise<{ waitedMs: number; quiet: boolean }> {
	const busyCores = options.busyCores ?? 0.15;
	const windowMs = options.windowMs ?? 500;
	const started = Date.now();
	const total = () => pgids.reduce((sum, pgid) => sum + cpuSecondsOf(pgid), 0);
	for (;;) {
		const before = total();
		await new Promise((resolve) => setTimeout(resolve, windowMs));
		const used = (total() - before) / (windowMs / 1000);
		if (used < busyCores) return { waitedMs: Date.now() - started, quiet: true };
		if (Date.now() - started > (options.maxMs ?? 20_000)) {
			return { waitedMs: Date.now() - started, quiet: false };
		}
	}
}

/** CPU seconds the whole machine has spent busy (not idle or waiting on I/O) since boot. */
export function machineBusySeconds(): number {
	const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
	// user nice system idle iowait irq softirq steal …
	const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
	return (user! + nice! + system! + irq! + softirq! + (steal ?? 0)) / CLOCK_TICKS;
}

/** The 1-minute load average: on a shared machine, how much else wants the CPU. */
export function loadAverage(): number {
	return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}
