import { listen, type RunningServer } from '../../simulators/src/common/listen.ts';
import { simulators, type SimulatorName } from '../../simulators/src/registry.ts';
import { assertPortFree } from './ports.ts';

export interface SimulatorPlan {
	name: SimulatorName;
	/** The real endpoint from .env; when set, no simulator runs for it. */
	realUrl: string | undefined;
	port: number;
}

export interface EndpointInUse {
	name: SimulatorName;
	title: string;
	url: string;
	simulated: boolean;
	/** For a simulator: the page showing what it received. */
	page?: string;
	server?: RunningServer;
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
			const server = await listen(sim.create().app, plan.port);
			started.push({
				name: plan.name,
				title: sim.title,
				url: server.url,
				simulated: true,
				page: `${server.url}${sim.page}`,
				server,
			});
		}
	} catch (err) {
		await stopSimulators(started);
		throw err;
	}
	return started;
}

export async function stopSimulators(endpoints: EndpointInUse[]): Promise<void> {
	await Promise.all(endpoints.map((e) => e.server?.close()));
}
