import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import {
	mediansPerDay,
	medianQuery,
} from '../../../../directus/extensions/median-panel/src/utils/medians-per-day.ts';
import { formatChange } from './changes.ts';
import {
	applyDirectusDashboards,
	dashboardsFileSchema,
	type DashboardsFile,
} from './dashboards.ts';
import { SETUP_FILES } from './files.ts';
import { requestAs, startContentDirectus, type ContentDirectus } from './testing.ts';

const file: DashboardsFile = dashboardsFileSchema.parse(
	JSON.parse(readFileSync(SETUP_FILES.dashboards, 'utf8')),
);
const aiDecisions = file.dashboards.find((dashboard) => dashboard.name === 'AI decisions')!;

// Panel options that name a field of the panel's collection, per panel type.
const FIELD_OPTIONS = [
	'valueField',
	'dateField',
	'column',
	'groupByField',
	'aggregateField',
	'field',
	'sortField',
];

type PanelDefinition = DashboardsFile['dashboards'][number]['panels'][number];
type Options = Record<string, unknown>;

const isVariablePanel = (panel: PanelDefinition) => panel.type.endsWith('variable');

const dayGroups = (field: string) => ['year', 'month', 'day'].map((unit) => `${unit}(${field})`);

/**
 * The query each panel type of Directus 11.17's Studio builds from its options (copied from the app's
 * panel definitions), and ours. The Studio sends them to /graphql, where a bad one fails the panel.
 */
function studioQuery(panel: PanelDefinition): { collection: string; query: Options } {
	const o = panel.options as Options & { collection: string };
	const filter = (o.filter as Options | undefined) ?? {};
	switch (panel.type) {
		case 'time-series':
			return {
				collection: o.collection,
				query: {
					group: dayGroups(String(o.dateField)),
					aggregate: { [String(o.function)]: [o.valueField] },
					filter: {
						_and: [
							filter,
							{ [String(o.dateField)]: { _gte: `$NOW(-${String(o.range)})` } },
							{ [String(o.dateField)]: { _lte: '$NOW' } },
						],
					},
					limit: -1,
				},
			};
		case 'pie-chart':
			return {
				collection: o.collection,
				query: {
					group: [o.column],
					aggregate: { [String(o.function ?? 'count')]: [o.column] },
					filter,
					limit: -1,
				},
			};
		case 'metric-list':
			return {
				collection: o.collection,
				query: {
					sort: [
						`${o.sortDirection === 'asc' ? '' : '-'}${String(o.aggregateFunction)}.${String(o.aggregateField)}`,
					],
					limit: o.limit ?? 5,
					aggregate: { [String(o.aggregateFunction)]: [o.aggregateField || '*'] },
					group: [o.groupByField],
					filter,
				},
			};
		case 'metric':
			return {
				collection: o.collection,
				query: { limit: 1, aggregate: { [String(o.function)]: [o.field || '*'] }, filter },
			};
		case 'list': {
			const fields = [
				'id',
				...[...String(o.displayTemplate).matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]!),
			];
			const sort = String(o.sortField ?? 'id');
			return {
				collection: o.collection,
				query: {
					filter,
					fields,
					sort: o.sortDirection === 'asc' ? sort : `-${sort}`,
					limit: o.limit ?? 5,
				},
			};
		}
		case 'switchboard-median':
			return {
				collection: o.collection,
				query: medianQuery({
					valueField: String(o.valueField),
					dateField: String(o.dateField),
					range: String(o.range),
					filter,
				}),
			};
		default:
			throw new Error(`test: no Studio query known for panel type ${panel.type}`);
	}
}

/** GraphQL literal: JSON with bare keys. */
function literal(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
	if (typeof value === 'object' && value !== null) {
		return `{${Object.entries(value)
			.map(([key, item]) => `${key}: ${literal(item)}`)
			.join(', ')}}`;
	}
	return JSON.stringify(value);
}

/** One aliased GraphQL field the way the Studio writes a panel query (app's insights store). */
function graphqlField(
	alias: string,
	{ collection, query }: { collection: string; query: Options },
): string {
	const args = Object.entries({
		limit: query.limit,
		sort: query.sort,
		filter: query.filter,
		...(query.aggregate && query.group ? { groupBy: query.group } : {}),
	})
		.filter(([, value]) => value !== undefined)
		.map(([key, value]) => `${key}: ${literal(value)}`)
		.join(', ');
	if (query.aggregate) {
		const selections = Object.entries(query.aggregate as Record<string, string[]>)
			.map(([fn, fields]) => `${fn} { ${fields.join(' ')} }`)
			.join(' ');
		return `${alias}: ${collection}_aggregated(${args}) { ${query.group ? 'group ' : ''}${selections} }`;
	}
	return `${alias}: ${collection}(${args}) { ${(query.fields as string[]).join(' ')} }`;
}

describe('applyDirectusDashboards', () => {
	let cms: ContentDirectus;
	let first: Awaited<ReturnType<typeof applyDirectusDashboards>>;

	before(async () => {
		cms = await startContentDirectus({ access: true });
		first = await applyDirectusDashboards({ directus: cms.admin });
	});
	after(() => cms?.stop());

	const livePanels = (dashboard: string) =>
		cms.adminApi.call<Record<string, unknown>[]>('GET', '/panels', {
			params: {
				filter: { dashboard: { _eq: dashboard } },
				limit: -1,
				sort: ['position_y', 'position_x'],
			},
		});

	it('should create every dashboard with its panels, saying so', async () => {
		const said = first.changes.map(formatChange);
		assert.ok(said.includes('create dashboard "AI decisions"'));
		assert.ok(said.includes('create dashboard "Social posts"'));
		assert.ok(said.includes('create panel "Hand-off reasons, last 30 days" (AI decisions)'));
		const panelCount = file.dashboards.reduce((sum, dashboard) => sum + dashboard.panels.length, 0);
		assert.equal(first.changes.length, file.dashboards.length + panelCount);
		for (const dashboard of file.dashboards) {
			const live = await livePanels(dashboard.id);
			assert.deepEqual(
				live.map((panel) => [panel.id, panel.name, panel.type]).sort(),
				dashboard.panels.map((panel) => [panel.id, panel.name, panel.type]).sort(),
			);
		}
	});

	it('should chart what the issue asks for from the AI decisions', () => {
		const panels = aiDecisions.panels;
		const outcomes = panels
			.filter((panel) => panel.type === 'time-series' && panel.options.valueField === 'id')
			.map((panel) => (panel.options.filter as { outcome: { _eq: string } }).outcome._eq);
		assert.deepEqual(outcomes.sort(), ['auto_replied', 'fallback', 'handed_off', 'transferred']);
		assert.ok(panels.some((panel) => panel.options.groupByField === 'handoff_reason'));
		assert.ok(
			panels.some(
				(panel) => panel.type === 'switchboard-median' && panel.options.valueField === 'latency_ms',
			),
		);
		const summed = panels
			.filter((panel) => panel.options.function === 'sum')
			.map((panel) => panel.options.valueField);
		for (const field of ['input_tokens', 'output_tokens', 'cost_usd'])
			assert.ok(summed.includes(field), field);
	});

	it('should chart the customer funnel: contacts per stage, moves per week, conversion stage to stage', () => {
		const funnel = file.dashboards.find((dashboard) => dashboard.name === 'Customer stages');
		const panels = funnel?.panels ?? [];
		assert.ok(
			panels.some(
				(panel) =>
					panel.options.collection === 'sb_contact_stages' && panel.options.column === 'stage',
			),
		);
		assert.ok(
			panels.some(
				(panel) =>
					panel.type === 'time-series' &&
					panel.options.collection === 'sb_stage_transitions' &&
					panel.options.precision === 'week',
			),
		);
		const conversions = panels
			.filter((panel) => panel.type === 'metric' && panel.options.function === 'avg')
			.map((panel) => [
				Object.keys((panel.options.filter as object | undefined) ?? {})[0] ?? null,
				panel.options.field,
			]);
		assert.deepEqual(conversions, [
			[null, 'reached_engaged'],
			['reached_engaged', 'reached_qualified'],
			['reached_qualified', 'reached_booked'],
			['reached_booked', 'reached_customer'],
		]);
	});

	it('should name only collections and fields that exist', async () => {
		// A variable panel's `field` names the dashboard variable it sets, not a field.
		for (const panel of file.dashboards
			.flatMap((dashboard) => dashboard.panels)
			.filter((panel) => !isVariablePanel(panel))) {
			const collection = String(panel.options.collection);
			const fields = await cms.adminApi.call<{ field: string }[]>('GET', `/fields/${collection}`);
			const names = new Set(fields.map((field) => field.field));
			for (const option of FIELD_OPTIONS.filter((key) => key in panel.options)) {
				assert.ok(
					names.has(String(panel.options[option])),
					`${panel.name}: ${collection} has no field ${String(panel.options[option])}`,
				);
			}
		}
	});

	it('should let the Marketing editor see the dashboards and run every panel query the Studio sends', async () => {
		const editor = { url: cms.admin.url, token: await cms.createUser('Marketing editor') };
		const dashboards = await requestAs(editor, 'GET', '/dashboards?fields=name');
		assert.deepEqual(
			(dashboards.data as { name: string }[]).map((dashboard) => dashboard.name).sort(),
			['AI decisions', 'Broadcast', 'Broadcasts', 'Customer stages', 'Social posts'],
		);
		// The Studio renders {{variable}} in a panel's options with what the user picked (here:
		// broadcast 1) before it queries; the variable panels themselves set values and query nothing of ours.
		const panels = file.dashboards
			.flatMap((dashboard) => dashboard.panels)
			.filter((panel) => !isVariablePanel(panel))
			.map(
				(panel) =>
					JSON.parse(JSON.stringify(panel).replace(/{{\s*broadcast\s*}}/g, '1')) as PanelDefinition,
			);
		const fields = panels.map((panel, index) => graphqlField(`panel_${index}`, studioQuery(panel)));
		const res = await requestAs(editor, 'POST', '/graphql', {
			query: `query { ${fields.join(' ')} }`,
		});
		assert.equal(res.status, 200, `${res.code}: ${res.message}`);
		assert.equal(Object.keys(res.data as object).length, panels.length);
	});

	it('should show the median latency per day, from what the Studio gets for the median panel', async () => {
		const now = Date.now();
		const today = new Date(now).toISOString().slice(0, 10);
		const yesterday = new Date(now - 86_400_000).toISOString().slice(0, 10);
		const decisions: [number, string][] = [
			[100, today],
			[300, today],
			[200, today],
			[50, yesterday],
			[70, yesterday],
		];
		for (const [latency, date] of decisions) {
			await cms.pool.query(
				`insert into sb_ai_decisions (conversation_id, department, intent, urgency, sentiment, language,
					confidence, needs_human, outcome, triage, model, input_tokens, output_tokens, cost_usd,
					latency_ms, created_at)
				values (1, 'sales', 'pricing', 'low', 'neutral', 'en', 0.9, false, 'auto_replied', '{}',
					'claude-test', 100, 20, 0.001, $1, least(now(), $2::date + time '12:00'))`,
				[latency, date],
			);
		}
		const panel = aiDecisions.panels.find((item) => item.type === 'switchboard-median')!;
		const res = await requestAs(cms.admin, 'POST', '/graphql', {
			query: `query { ${graphqlField('median', studioQuery(panel))} }`,
		});
		assert.equal(res.status, 200, `${res.code}: ${res.message}`);
		const rows = (res.data as { median: Record<string, unknown>[] }).median;
		const result = mediansPerDay(
			rows,
			String(panel.options.valueField),
			String(panel.options.dateField),
		);
		assert.deepEqual(result.days, [
			{ day: today, median: 200, count: 3 },
			{ day: yesterday, median: 60, count: 2 },
		]);
		assert.equal(result.overall, 100);
	});

	it('should load our median panel into the Studio', async () => {
		const res = await requestAs(cms.admin, 'GET', '/extensions');
		const names = (res.data as { schema: { name: string; type: string } | null }[]).map(
			(extension) => `${extension.schema?.type}:${extension.schema?.name}`,
		);
		assert.ok(names.includes('panel:switchboard-median-panel'), names.join(', '));
	});

	it('should change nothing when applied again', async () => {
		const again = await applyDirectusDashboards({ directus: cms.admin });
		assert.deepEqual(again.changes.map(formatChange), []);
	});

	it('should put back an edited panel and remove one added in the Studio', async () => {
		const cost = aiDecisions.panels.find((panel) => panel.name === 'Cost per day (USD)')!;
		await cms.adminApi.call('PATCH', `/panels/${cost.id}`, {
			body: { width: 4, options: { ...cost.options, function: 'avg' } },
		});
		await cms.adminApi.call('POST', '/panels', {
			body: {
				dashboard: aiDecisions.id,
				name: 'My own chart',
				type: 'label',
				position_x: 1,
				position_y: 60,
				width: 6,
				height: 4,
				options: {},
			},
		});
		const planned = await applyDirectusDashboards({ directus: cms.admin, dryRun: true });
		const expected = [
			'update panel "Cost per day (USD)" (AI decisions) (width, options)',
			'delete panel "My own chart" (AI decisions)',
		];
		assert.deepEqual(planned.changes.map(formatChange), expected);
		assert.equal((await livePanels(aiDecisions.id)).length, aiDecisions.panels.length + 1);
		const applied = await applyDirectusDashboards({ directus: cms.admin });
		assert.deepEqual(applied.changes.map(formatChange), expected);
		const live = await livePanels(aiDecisions.id);
		assert.equal(live.length, aiDecisions.panels.length);
		assert.deepEqual(live.find((panel) => panel.id === cost.id)!.options, cost.options);
		const third = await applyDirectusDashboards({ directus: cms.admin });
		assert.deepEqual(third.changes.map(formatChange), []);
	});
});
