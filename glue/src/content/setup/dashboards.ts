// Insights dashboards as code (directus/dashboards/insights.json), matched by id. A dashboard named
// in the file is mirrored exactly: its settings and panels are put back as the file says, and a
// panel added to it in the Studio is removed. Other dashboards are left alone.
import { z } from 'zod/v4';
import { connectDirectus, type DirectusApi, type DirectusConnection } from '../directus-client.ts';
import { ContentSetupError } from '../errors.ts';
import { differingKeys, type SetupResult } from './changes.ts';
import { displayName, readSetupFile, SETUP_FILES } from './files.ts';

const panelSchema = z.object({
	id: z.uuid(),
	name: z.string().min(1),
	icon: z.string().nullable(),
	color: z.string().nullable(),
	note: z.string().nullable(),
	show_header: z.boolean(),
	/** A Directus panel type (time-series, pie-chart, metric, metric-list, list, …) or ours. */
	type: z.string().min(1),
	position_x: z.int().positive(),
	position_y: z.int().positive(),
	width: z.int().positive(),
	height: z.int().positive(),
	options: z.record(z.string(), z.unknown()),
});

const dashboardSchema = z.object({
	id: z.uuid(),
	name: z.string().min(1),
	icon: z.string(),
	color: z.string().nullable(),
	note: z.string().nullable(),
	panels: z.array(panelSchema),
});

export const dashboardsFileSchema = z
	.object({ dashboards: z.array(dashboardSchema) })
	.superRefine((file, context) => {
		const seen = new Set<string>();
		for (const item of file.dashboards.flatMap((dashboard) => [dashboard, ...dashboard.panels])) {
			if (seen.has(item.id)) {
				context.addIssue({ code: 'custom', message: `the id ${item.id} is used twice` });
			}
			seen.add(item.id);
		}
	});
export type DashboardsFile = z.output<typeof dashboardsFileSchema>;
type Dashboard = DashboardsFile['dashboards'][number];
type Panel = Dashboard['panels'][number];

export interface ApplyDashboardsOptions {
	/** An admin's static token. */
	directus: DirectusConnection;
	file?: URL;
	dryRun?: boolean;
}

type LiveItem = Record<string, unknown> & { id: string; name: string };

export async function applyDirectusDashboards(
	options: ApplyDashboardsOptions,
): Promise<SetupResult> {
	const file = options.file ?? SETUP_FILES.dashboards;
	const wanted = readSetupFile(file, dashboardsFileSchema);
	const api = connectDirectus<object>(options.directus);
	const dryRun = options.dryRun ?? false;
	const result: SetupResult = { changes: [], skipped: [] };
	for (const dashboard of wanted.dashboards) {
		await syncDashboard(api, dashboard, result, dryRun);
		await syncPanels(api, dashboard, result, dryRun, displayName(file));
	}
	return result;
}

async function syncDashboard(
	api: DirectusApi<object>,
	wanted: Dashboard,
	result: SetupResult,
	dryRun: boolean,
): Promise<void> {
	const { id, name, icon, color, note } = wanted;
	const dashboard = { id, name, icon, color, note };
	const [live] = await api.call<LiveItem[]>('GET', '/dashboards', {
		params: { filter: { id: { _eq: dashboard.id } }, limit: 1 },
	});
	const target = `dashboard "${dashboard.name}"`;
	if (!live) {
		result.changes.push({ action: 'create', target });
		if (!dryRun) await api.call('POST', '/dashboards', { body: dashboard });
		return;
	}
	const settings = { name, icon, color, note };
	const keys = differingKeys(settings, live);
	if (!keys.length) return;
	result.changes.push({ action: 'update', target, detail: keys.join(', ') });
	if (!dryRun) await api.call('PATCH', `/dashboards/${id}`, { body: settings });
}

async function syncPanels(
	api: DirectusApi<object>,
	dashboard: Dashboard,
	result: SetupResult,
	dryRun: boolean,
	fileName: string,
): Promise<void> {
	const live = await panelsOf(api, dashboard.id);
	const where = `(${dashboard.name})`;
	for (const panel of dashboard.panels) {
		const target = `panel "${panel.name}" ${where}`;
		const found = live.find((item) => item.id === panel.id);
		const { id, ...settings } = { ...panel, dashboard: dashboard.id };
		if (!found) {
			// A panel id is global: one on another dashboard would make the create fail obscurely.
			const [elsewhere] = await api.call<LiveItem[]>('GET', '/panels', {
				params: { filter: { id: { _eq: id } }, fields: ['id', 'dashboard'], limit: 1 },
			});
			if (elsewhere) {
				throw new ContentSetupError({
					file: fileName,
					reason: `gives panel "${panel.name}" the id ${id}, which a panel of another dashboard (${String(elsewhere.dashboard)}) has`,
				});
			}
			result.changes.push({ action: 'create', target });
			if (!dryRun) await api.call('POST', '/panels', { body: { id, ...settings } });
			continue;
		}
		const keys = differingKeys(settings, found);
		if (!keys.length) continue;
		result.changes.push({ action: 'update', target, detail: keys.join(', ') });
		if (!dryRun) await api.call('PATCH', `/panels/${id}`, { body: settings });
	}
	const wantedIds = new Set(dashboard.panels.map((panel: Panel) => panel.id));
	for (const extra of live.filter((item) => !wantedIds.has(item.id))) {
		result.changes.push({ action: 'delete', target: `panel "${extra.name}" ${where}` });
		if (!dryRun) await api.call('DELETE', `/panels/${extra.id}`);
	}
}

function panelsOf(api: DirectusApi<object>, dashboardId: string): Promise<LiveItem[]> {
	return api.call<LiveItem[]>('GET', '/panels', {
		params: { filter: { dashboard: { _eq: dashboardId } }, limit: -1 },
	});
}
