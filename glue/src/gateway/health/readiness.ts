// /readyz: can this gateway do its job right now? It needs the ledger (PostgreSQL) and somewhere to
// forward to (n8n). Each check has its own short timeout so a hung dependency cannot hang the probe.
import type { Queryable } from '../../log-store/repository.ts';
import { n8nUnreachableText } from '../../common/n8n-webhook.ts';

export type CheckResult = { ok: true } | { ok: false; error: string };

export interface Readiness {
	ready: boolean;
	checks: { postgres: CheckResult; n8n: CheckResult };
}

export interface ReadinessDeps {
	pool: Queryable;
	/** n8n's health endpoint on the webhook's host (GET /healthz). */
	n8nHealthUrl: string;
	timeoutMs?: number;
}

/** n8n answers /healthz on the same origin that serves its webhooks. */
export function n8nHealthUrlFor(webhookUrl: string): string {
	return new URL('/healthz', webhookUrl).toString();
}

export async function checkReadiness(deps: ReadinessDeps): Promise<Readiness> {
	const timeoutMs = deps.timeoutMs ?? 2000;
	const [postgres, n8n] = await Promise.all([
		checkPostgres(deps.pool, timeoutMs),
		checkN8n(deps.n8nHealthUrl, timeoutMs),
	]);
	return { ready: postgres.ok && n8n.ok, checks: { postgres, n8n } };
}

async function checkPostgres(pool: Queryable, timeoutMs: number): Promise<CheckResult> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
	});
	try {
		await Promise.race([pool.query('select 1'), timeout]);
		return { ok: true };
	} catch (error) {
		const code = (error as { code?: unknown }).code;
		const message = error instanceof Error ? error.message : String(error);
		return { ok: false, error: `PostgreSQL: ${code ? `${String(code)} ` : ''}${message}` };
	} finally {
		clearTimeout(timer);
	}
}

async function checkN8n(url: string, timeoutMs: number): Promise<CheckResult> {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
		await response.arrayBuffer().catch(() => undefined);
		return response.ok
			? { ok: true }
			: { ok: false, error: `n8n answered HTTP ${response.status}` };
	} catch (error) {
		return { ok: false, error: n8nUnreachableText(error, url, timeoutMs) };
	}
}
