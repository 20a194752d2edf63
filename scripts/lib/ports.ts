import { createServer } from 'node:net';
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

/** n distinct ports the OS says are free right now (held open together, so none repeats). */
export async function freePorts(n: number, host = '127.0.0.1'): Promise<number[]> {
	const probes = Array.from({ length: n }, () => createServer());
	const ports = await Promise.all(
		probes.map(
			(probe) =>
				new Promise<number>((resolve, reject) => {
					probe.once('error', reject);
					probe.listen(0, host, () => {
						const address = probe.address();
						resolve(typeof address === 'object' && address ? address.port : 0);
					});
				}),
		),
	);
	await Promise.all(probes.map((probe) => new Promise((resolve) => probe.close(resolve))));
	return ports;
}
