import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { assertPortFree, ephemeralPortRange, freePorts } from './ports.ts';
import { StackError } from './stack-error.ts';

describe('ports', () => {
	describe('assertPortFree', () => {
		it('should say which port is taken and what wanted it when something listens there', async () => {
			const blocker = createServer().listen(0, '127.0.0.1');
			await new Promise((resolve) => blocker.once('listening', resolve));
			const { port } = blocker.address() as { port: number };
			try {
				await assert.rejects(assertPortFree(port, 'n8n'), (err: unknown) => {
					assert.ok(err instanceof StackError);
					assert.equal(
						err.message,
						`Port ${port} (wanted for n8n) is already in use: stop what uses it, or choose another port in .env.`,
					);
					return true;
				});
			} finally {
				blocker.close();
			}
		});

		it('should resolve when the port is free', async () => {
			const [port] = await freePorts(1);
			await assertPortFree(port!, 'Directus');
		});
	});

	describe('freePorts', () => {
		it('should return distinct ports', async () => {
			const ports = await freePorts(5);
			assert.equal(new Set(ports).size, 5);
		});

		it("should choose ports below the OS's ephemeral range, where no outgoing connection or listen(0) lands", async () => {
			const { low } = ephemeralPortRange();
			for (const port of await freePorts(20)) {
				assert.ok(port >= 10_000 && port < low, `${port} is not in 10000–${low - 1}`);
				await assertPortFree(port, 'a test');
			}
		});
	});
});
