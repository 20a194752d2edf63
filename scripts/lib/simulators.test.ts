import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { freePorts } from './ports.ts';
import { startSimulators, stopSimulators } from './simulators.ts';
import { StackError } from './stack-error.ts';

describe('startSimulators', () => {
	it('should run a simulator only where no real endpoint is configured', async () => {
		const [chatwootPort, anthropicPort] = await freePorts(2);
		const endpoints = await startSimulators([
			{ name: 'chatwoot', realUrl: undefined, port: chatwootPort! },
			{ name: 'meta', realUrl: 'https://graph.facebook.com', port: 1 },
			{ name: 'anthropic', realUrl: undefined, port: anthropicPort! },
		]);
		try {
			assert.deepEqual(
				endpoints.map(({ name, simulated, url }) => ({ name, simulated, url })),
				[
					{ name: 'chatwoot', simulated: true, url: `http://127.0.0.1:${chatwootPort}` },
					{ name: 'meta', simulated: false, url: 'https://graph.facebook.com' },
					{ name: 'anthropic', simulated: true, url: `http://127.0.0.1:${anthropicPort}` },
				],
			);
			const page = await fetch(endpoints[0]!.page!);
			assert.match(await page.text(), /<title>Chatwoot simulator<\/title>/);
			const log = await fetch(endpoints[2]!.page!);
			assert.deepEqual(await log.json(), []);
		} finally {
			await stopSimulators(endpoints);
		}
		await assert.rejects(fetch(`http://127.0.0.1:${chatwootPort}/__sim/`));
	});

	it('should stop the ones it started when a later port is taken', async () => {
		const [freePort] = await freePorts(1);
		const blocker = createServer().listen(0, '127.0.0.1');
		await new Promise((resolve) => blocker.once('listening', resolve));
		const taken = (blocker.address() as { port: number }).port;
		try {
			await assert.rejects(
				startSimulators([
					{ name: 'chatwoot', realUrl: undefined, port: freePort! },
					{ name: 'meta', realUrl: undefined, port: taken },
				]),
				(err: unknown) =>
					err instanceof StackError &&
					err.message.startsWith(
						`Port ${taken} (wanted for the Meta Graph API simulator) is already in use`,
					),
			);
			await assert.rejects(fetch(`http://127.0.0.1:${freePort}/__sim/`));
		} finally {
			blocker.close();
		}
	});
});
