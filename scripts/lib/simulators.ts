import pg from 'pg';
import type { IdFloor } from '../../simulators/src/chatwoot/state.ts';
import { listen, type RunningServer } from '../../simulators/src/common/listen.ts';
import {
	simulators,
	type SimulatorCreateOptions,
	type SimulatorName,
} from '../../simulators/src/registry.ts';
import { assertPortFree } from './ports.ts';

export interface SimulatorPlan {
	name: SimulatorName;
	/** The real endpoint from .env; when set, no simulator runs for it. */
	realUrl: string | undefined;
	port: number;
	/** The port of the simulator's second listener (the SMTP sink's SMTP port); its default if unset. */
	sidecarPort?: number;
	options?: SimulatorCreateOptions;
}

export interface EndpointInUse {
	name: SimulatorName;
	title: string;
	url: string;
	simulated: boolean;
	/** For a simulator: the page showing what it received. */
	page?: string;
	server?: RunningServer;
	/** A simulator's second listener, e.g. the SMTP sink's SMTP port. */
	sidecar?: { title: string; url: string; server: RunningServer };
}

/** Starts a simulator for every service that has no real endpoint configured. */
export async function startSimulators(plans: SimulatorPlan[]): Promise<EndpointInUse[]> {
	const started: EndpointInUse[] = [];
	try {
		for (const plan of plans) {
			const sim = simulators[plan.name];
			if (plan.realUrl) {
				started.push({ name: plan.name, title: sim.title, url: plan.realUrl, simulated: false });
				continue;
			}
			await assertPortFree(plan.port, `the ${sim.title} simulator`);
			const created = sim.create(plan.options);
			const sidecarPlan = 'sidecar' in created ? created.sidecar : undefined;
			const sidecarPort = sidecarPlan ? (plan.sidecarPort ?? sidecarPlan.defaultPort) : 0;
			if (sidecarPlan) {
				await assertPortFree(sidecarPort, `the ${sim.title} simulator's ${sidecarPlan.title} port`);
			}
			const server = await listen(created.app, plan.port);
			const endpoint: EndpointInUse = {
				name: plan.name,
				title: sim.title,
				url: server.url,
				simulated: true,
				page: `${server.url}${sim.page}`,
				server,
			};
			started.push(endpoint);
			if (sidecarPlan) {
				const sidecar = await sidecarPlan.listen(sidecarPort);
				endpoint.sidecar = { title: sidecarPlan.title, url: sidecar.url, server: sidecar };
			}
		}
	} catch (err) {
		await stopSimulators(started);
		throw err;
	}
	return started;
}

export async function stopSimulators(endpoints: EndpointInUse[]): Promise<void> {
	await Promise.all(endpoints.flatMap((e) => [e.server?.close(), e.sidecar?.server.close()]));
}

// Where an earlier run left Chatwoot ids: the ledger and the decision log (the log store) and the
// leads collection, all in the Directus database. A table or database not there yet counts as none.
const ID_QUERIES = [
	'select max(conversation_id) as conversation, max(chatwoot_message_id) as message from sb_inbound_events',
	'select max(conversation_id) as conversation from sb_ai_decisions',
	'select max(chatwoot_conversation_id) as conversation from leads',
];
const UNDEFINED_DATABASE = '3D000';
const UNDEFINED_TABLE = '42P01';

/**
 * The highest conversation and message ids an earlier local run used. The Chatwoot simulator
 * starts empty on every npm start; numbered after these, a new run's messages do not read as
 * duplicates in the ledger, nor its conversations as ones whose lead is already recorded.
 */
export async function chatwootIdsUsed(databaseUrl: string): Promise<IdFloor> {
	const floor: IdFloor = { conversation: 0, message: 0 };
	const client = new pg.Client({ connectionString: databaseUrl });
	try {
		await client.connect();
	} catch (err) {
		if ((err as { code?: string }).code === UNDEFINED_DATABASE) return floor;
		throw err;
	}
	try {
		for (const query of ID_QUERIES) {
			const row = await client
				.query<{ conversation: string | null; message?: string | null }>(query)
				.then((result) => result.rows[0])
				.catch((err: { code?: string }) => {
					if (err.code === UNDEFINED_TABLE) return undefined;
					throw err;
				});
			floor.conversation = Math.max(floor.conversation, Number(row?.conversation ?? 0));
			floor.message = Math.max(floor.message, Number(row?.message ?? 0));
		}
	} finally {
		await client.end();
	}
	return floor;
}
