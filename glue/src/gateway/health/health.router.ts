// Probes and the scrape endpoint. /healthz says the process is up, /readyz that it can work.
import express, { type Router } from 'express';
import { send, ServiceResponse } from '../common/service-response.ts';
import { Registry } from '../metrics/registry.ts';
import type { Readiness } from './readiness.ts';

export interface HealthRouterDeps {
	readiness: () => Promise<Readiness>;
	registry: Registry;
}

export function healthRouter(deps: HealthRouterDeps): Router {
	const router = express.Router();
	router.get('/healthz', (_req, res) => {
		send(res, ServiceResponse.success('ok', { status: 'ok' }));
	});
	router.get('/readyz', async (_req, res) => {
		const readiness = await deps.readiness();
		const checks = Object.fromEntries(
			Object.entries(readiness.checks).map(([name, check]) => [
				name,
				check.ok ? 'ok' : check.error,
			]),
		);
		const failed = Object.keys(checks).filter((name) => checks[name] !== 'ok');
		send(
			res,
			readiness.ready
				? ServiceResponse.success('ready', { checks })
				: ServiceResponse.failure(`not ready: ${failed.join(', ')}`, { checks, failed }, 503),
		);
	});
	router.get('/metrics', async (_req, res) => {
		await deps.registry.collect();
		// Set as is: res.send() would rewrite the parameters of the exposition format's type.
		res.setHeader('Content-Type', Registry.contentType);
		res.end(deps.registry.render());
	});
	return router;
}
