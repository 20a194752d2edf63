// Issue #17's fault table, the rows about PostgreSQL and Redis: the stack runs on a PostgreSQL and a
// Redis of its own (private-services.ts), which these tests stop and restart while customers write.
// Every customer ends replied once or handed off with a note and a team: never untriaged, never twice.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
	ASKS,
	assertEveryoneServedOnce,
	assertHandedOffToTheirTeam,
	awaitEnds,
	customersWrite,
	describeRow,
	stackHealthy,
	startFaultStack,
	until,
} from './fault-support.ts';
import { startPrivateServices, type PrivateServices } from './private-services.ts';
import type { E2eStack } from './stack.ts';

describe('outages of PostgreSQL and Redis while customers write', () => {
	let services: PrivateServices;
	let e2e: E2eStack;
	const restarts: string[] = [];
	const fileStartedAt = Date.now();
	const asks = [ASKS.answerable, ASKS.closedHandOff];

	before(async () => {
		services = await startPrivateServices();
		e2e = await startFaultStack({
			services: services.urls,
			// As compose's restart policy does: a runtime that exits comes back.
			restart: { say: (line) => restarts.push(line) },
		});
	});
	after(async () => {
		await e2e?.stop();
		await services?.cleanup();
		console.log(
			`# faults-services: ${Math.round((Date.now() - fileStartedAt) / 1000)} s in all; restarts: ${restarts.join(' | ') || 'none'}`,
		);
	});

	it('should serve each of 10 customers once when PostgreSQL is stopped for 15 s while they write', async (t) => {
		await stackHealthy(e2e);
		const startedAt = Date.now();
		let stoppedAt = 0;
		const customers = await customersWrite(e2e.chatwoot, 10, asks, {
			gapMs: 1500,
			during: async (n) => {
				if (n !== 2) return;
				await services.postgres.stop();
				stoppedAt = Date.now();
			},
		});
		await until(stoppedAt, 15_000);
		await services.postgres.start();
		const ends = await awaitEnds(e2e, customers, 420_000);
		t.diagnostic(describeRow('PostgreSQL stopped 15 s, 10 customers', ends, startedAt));
		assertEveryoneServedOnce(ends);
		assertHandedOffToTheirTeam(ends, customers);
	});

	it('should serve each of 20 customers once when PostgreSQL restarts while they write', async (t) => {
		await stackHealthy(e2e);
		const startedAt = Date.now();
		const customers = await customersWrite(e2e.chatwoot, 20, asks, {
			gapMs: 300,
			during: async (n) => {
				if (n !== 10) return;
				await services.postgres.stop();
				await services.postgres.start();
			},
		});
		const ends = await awaitEnds(e2e, customers, 420_000);
		t.diagnostic(describeRow('PostgreSQL restart, 20 customers', ends, startedAt));
		assertEveryoneServedOnce(ends);
		assertHandedOffToTheirTeam(ends, customers);
	});

	it('should serve each of 10 customers once when Redis is stopped for 30 s while they write, and keep Directus up', async (t) => {
		await stackHealthy(e2e);
		const startedAt = Date.now();
		const restartsBefore = restarts.length;
		let stoppedAt = 0;
		const customers = await customersWrite(e2e.chatwoot, 10, asks, {
			gapMs: 1500,
			during: async (n) => {
				if (n !== 2) return;
				await services.redis.stop();
				stoppedAt = Date.now();
			},
		});
		await until(stoppedAt, 30_000);
		await services.redis.start();
		const ends = await awaitEnds(e2e, customers, 420_000);
		t.diagnostic(describeRow('Redis stopped 30 s, 10 customers', ends, startedAt));
		t.diagnostic(`supervisor: ${restarts.slice(restartsBefore).join(' | ') || 'no restart'}`);
		assertEveryoneServedOnce(ends);
		assertHandedOffToTheirTeam(ends, customers);
		// Directus survived the outage, or the supervisor brought it back: it answers again.
		await stackHealthy(e2e, 300_000).catch((error: unknown) => {
			const tail = e2e.stack.directus.process.logTail(30);
			throw new Error(`${String(error)}\nsupervisor: ${restarts.join(' | ')}\nDirectus:\n${tail}`);
		});
		const health = await fetch(`${e2e.directusUrl}/server/health`);
		assert.equal(health.status, 200, `Directus health: ${await health.text()}`);
	});
});
