// Health of the running stack: Docker's own health status per container (every compose service has
// a health check), plus optional URLs probed directly.
import { z } from 'zod/v4';

const psEntrySchema = z.looseObject({
	Name: z.string(),
	Service: z.string(),
	State: z.string(),
	Health: z.string().optional().default(''),
});
export type PsEntry = z.output<typeof psEntrySchema>;

/** `docker compose ps --format json`: one object per line since Compose 2.21, an array before. */
export function parseComposePs(output: string): PsEntry[] {
	const text = output.trim();
	if (!text) return [];
	const raw: unknown[] = text.startsWith('[')
		? (JSON.parse(text) as unknown[])
		: text.split('\n').map((line) => JSON.parse(line) as unknown);
	return raw.map((entry) => psEntrySchema.parse(entry));
}

export interface HealthRow {
	name: string;
	/** The container, or the URL probed. */
	where: string;
	status: string;
	ok: boolean;
}

/** One row per container of each expected service; a service with no container is a failure. */
export function evaluateServices(expected: string[], entries: PsEntry[]): HealthRow[] {
	return expected.flatMap((service) => {
		const containers = entries.filter((entry) => entry.Service === service);
		if (!containers.length)
			return [{ name: service, where: '-', status: 'not created', ok: false }];
		return containers.map((entry) => ({
			name: service,
			where: entry.Name,
			status: entry.Health ? `${entry.State}, ${entry.Health}` : entry.State,
			ok: entry.State === 'running' && (entry.Health === '' || entry.Health === 'healthy'),
		}));
	});
}

/** GET url; healthy on a 2xx. Never throws: a failure is a row that says why. */
export async function checkUrl(
	name: string,
	url: string,
	options: { timeoutMs?: number; fetch?: typeof fetch } = {},
): Promise<HealthRow> {
	const doFetch = options.fetch ?? fetch;
	try {
		const res = await doFetch(url, {
			redirect: 'manual',
			signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
		});
		await res.arrayBuffer();
		return { name, where: url, status: `HTTP ${res.status}`, ok: res.ok };
	} catch (err) {
		const cause = (err as { cause?: { code?: string } }).cause?.code;
		const reason = cause ?? (err instanceof Error ? err.name : 'failed');
		return { name, where: url, status: reason, ok: false };
	}
}

export function formatReport(rows: HealthRow[]): string {
	const width = (pick: (row: HealthRow) => string) =>
		Math.max(...rows.map((row) => pick(row).length));
	const nameWidth = width((row) => row.name);
	const whereWidth = width((row) => row.where);
	return rows
		.map(
			(row) =>
				`${row.ok ? 'ok  ' : 'FAIL'}  ${row.name.padEnd(nameWidth)}  ${row.where.padEnd(whereWidth)}  ${row.status}`,
		)
		.join('\n');
}
