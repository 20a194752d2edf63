import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { StackError } from './stack-error.ts';

/** Resolves when nothing listens on host:port; otherwise a StackError naming the port and its user. */
export function assertPortFree(port: number, usedFor: string, host = '127.0.0.1'): Promise<void> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', (err: NodeJS.ErrnoException) => {
			reject(
				err.code === 'EADDRINUSE'
					? new StackError(
							`Port ${port} (wanted for ${usedFor}) is already in use: stop what uses it, or choose another port in .env.`,
						)
					: err,
			);
		});
		probe.listen(port, host, () => probe.close(() => resolve()));
	});
}

/**
 * The OS's range for ephemeral ports (Linux: /proc/sys/net/ipv4/ip_local_port_range; 32768–60999
 * is its default and what other systems use too).
 */
export function ephemeralPortRange(): { low: number; high: number } {
	try {
		const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
			.trim()
			.split(/\s+/)
			.map(Number);
		if (low && high && low <= high) return { low, high };
	} catch {
		// Not Linux: the common default below.
	}
	return { low: 32768, high: 60999 };
}

// Ports handed out below the ephemeral range: a port the OS picked for us (listen(0)) and then
// freed can be given straight to another process's outgoing connection or listen(0) before our
// server binds it (seen: a stack's n8n port taken while its simulators and Postgres clients
// started). Below the range only an explicit bind can take it.
const LOWEST_PORT = 10_000;

function tryListen(port: number, host: string): Promise<Server | null> {
	return new Promise((resolve) => {
		const probe = createServer();
		probe.once('error', () => resolve(null));
		probe.listen(port, host, () => resolve(probe));
	});
}

/**
 * n distinct ports free right now, chosen at random below the OS's ephemeral range (held open
 * together, so none repeats).
 */
export async function freePorts(n: number, host = '127.0.0.1'): Promise<number[]> {
	const highest = Math.max(LOWEST_PORT + n * 10, ephemeralPortRange().low - 1);
	const held: Server[] = [];
	try {
		for (let tries = 0; held.length < n; tries++) {
			if (tries >= n * 200) {
				throw new StackError(
					`No free port found between ${LOWEST_PORT} and ${highest} on ${host} after ${tries} tries.`,
				);
			}
			const port = LOWEST_PORT + Math.floor(Math.random() * (highest - LOWEST_PORT + 1));
			const probe = await tryListen(port, host);
			if (probe) held.push(probe);
		}
		return held.map((probe) => (probe.address() as AddressInfo).port);
	} finally {
		await Promise.all(held.map((probe) => new Promise((resolve) => probe.close(resolve))));
	}
}
