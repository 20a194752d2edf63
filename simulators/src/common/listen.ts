import type { Express } from 'express';
import type { AddressInfo } from 'node:net';

export interface RunningServer {
	url: string;
	port: number;
	close(): Promise<void>;
}

/** Listens on 127.0.0.1 (port 0 picks a free one) and resolves once the port is bound. */
export function listen(app: Express, port = 0, host = '127.0.0.1'): Promise<RunningServer> {
	return new Promise((resolve, reject) => {
		const server = app.listen(port, host);
		server.once('error', reject);
		server.once('listening', () => {
			const bound = (server.address() as AddressInfo).port;
			resolve({
				url: `http://${host}:${bound}`,
				port: bound,
				close: () =>
					new Promise<void>((done) => {
						server.closeAllConnections();
						server.close(() => done());
					}),
			});
		});
	});
}
