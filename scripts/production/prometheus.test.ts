// Static checks of compose/prometheus/ (there is no Prometheus here to load it), and a scrape of a
// real gateway: every gateway metric an alert rule names must be one the gateway exports.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { z } from 'zod/v4';
import { createTestDatabase, type TestDatabase } from '@switchboard/glue/testing';
import { startGatewayProcess, type GatewayHandle } from '../lib/gateway.ts';
import { freePorts } from '../lib/ports.ts';
import { databaseUrl } from '../lib/postgres.ts';
import { interpolate, loadComposeFile } from './compose.ts';
import { paths } from './paths.ts';

const dir = join(paths.composeDir, 'prometheus');
const compose = loadComposeFile();
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const duration = z.string().regex(/^(\d+(ms|s|m|h|d|w|y))+$/, 'a Prometheus duration such as 5m');
const rulesSchema = z.strictObject({
	groups: z
		.array(
			z.strictObject({
				name: z.string().min(1),
				rules: z
					.array(
						z.strictObject({
							alert: z.string().regex(/^[A-Z][A-Za-z0-9]+$/),
							expr: z.string().min(1),
							for: duration,
							labels: z.strictObject({ severity: z.enum(['page', 'warn']) }),
							annotations: z.object({
								summary: z.string().min(1),
								description: z.string().optional(),
							}),
						}),
					)
					.min(1),
			}),
		)
		.min(1),
});
const configSchema = z.object({
	global: z.object({ scrape_interval: duration, evaluation_interval: duration }),
	rule_files: z.array(z.string()),
	scrape_configs: z.array(
		z.strictObject({
			job_name: z.string(),
			metrics_path: z.string().optional(),
			static_configs: z.array(z.strictObject({ targets: z.array(z.string()) })),
		}),
	),
});

const rules = rulesSchema.parse(parse(readFileSync(join(dir, 'alerts.yml'), 'utf8')));
const config = configSchema.parse(parse(readFileSync(join(dir, 'prometheus.yml'), 'utf8')));
const allRules = rules.groups.flatMap((group) => group.rules);

// PromQL words that look like metric names: functions, aggregations, keywords.
const PROMQL_WORDS = new Set(
	'and or unless by without on ignoring group_left group_right bool offset max min sum avg count rate irate increase histogram_quantile clamp_min clamp_max abs absent time'.split(
		' ',
	),
);

/** The metric names an expression selects (label matchers, strings and ranges left out). */
function metricNames(expr: string): string[] {
	const bare = expr
		.replace(/\{[^}]*\}/g, ' ')
		.replace(/\[[^\]]*\]/g, ' ')
		.replace(/"[^"]*"/g, ' ')
		.replace(/\b(by|without|on|ignoring)\s*\([^)]*\)/g, ' ');
	const names = [...bare.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)].map((m) => m[0]);
	return [...new Set(names.filter((name) => !PROMQL_WORDS.has(name)))];
}

/**
 * Not ours to export, so checked against their documentation: Prometheus's own `up`, n8n 2.41's
 * queue metrics with N8N_METRICS_INCLUDE_QUEUE_METRICS (reference/n8n.md §3.5) and node_exporter's
 * filesystem collector.
 */
const OTHER_EXPORTERS: Record<string, string> = {
	up: 'prometheus',
	n8n_scaling_mode_queue_jobs_waiting: 'n8n',
	node_filesystem_avail_bytes: 'node',
	node_filesystem_size_bytes: 'node',
};

describe('compose/prometheus', () => {
	it('should load the rules file the config names, from the folder compose mounts', () => {
		const prometheus = compose.services.prometheus!;
		assert.ok(prometheus.volumes?.includes('./prometheus:/etc/prometheus:ro'));
		assert.deepEqual(config.rule_files, ['/etc/prometheus/alerts.yml']);
		for (const file of config.rule_files) {
			assert.ok(existsSync(join(dir, file.replace('/etc/prometheus/', ''))), file);
		}
	});

	it('should scrape services that exist, share a network with Prometheus and listen there', () => {
		const listens: Record<string, number> = {
			gateway: Number(
				(compose.services.gateway!.environment as Record<string, string>).GATEWAY_PORT,
			),
			'gateway-2': 8080,
			n8n: 5678,
			'node-exporter': 9100,
			'127.0.0.1': 9090,
		};
		const prometheusNetworks = compose.services.prometheus!.networks as string[];
		const targets = config.scrape_configs.flatMap((job) =>
			job.static_configs.flatMap((s) => s.targets),
		);
		assert.deepEqual(targets.sort(), [
			'127.0.0.1:9090',
			'gateway-2:8080',
			'gateway:8080',
			'n8n:5678',
			'node-exporter:9100',
		]);
		for (const target of targets) {
			const [host, port] = target.split(':') as [string, string];
			assert.equal(Number(port), listens[host], target);
			if (host === '127.0.0.1') continue;
			const networks = compose.services[host]!.networks as string[];
			assert.ok(
				networks.some((n) => prometheusNetworks.includes(n)),
				`${host} is on no network Prometheus is on`,
			);
		}
	});

	it('should run Prometheus and node_exporter only under the monitoring profile', () => {
		for (const name of ['prometheus', 'node-exporter']) {
			assert.deepEqual(compose.services[name]!.profiles, ['monitoring']);
		}
	});

	it('should hand node_exporter its mount pattern with a literal $, which Compose would refuse bare', () => {
		const command = (compose.services['node-exporter']!.command as string[]).map((arg) =>
			interpolate(arg, {}),
		);
		assert.ok(
			command.includes(
				'--collector.filesystem.mount-points-exclude=^/(dev|proc|run|sys|var/lib/docker/.+)($|/)',
			),
		);
		const bare = readFileSync(paths.composeFile, 'utf8')
			.split('\n')
			.filter((line) => !line.trim().startsWith('#'))
			.filter((line) => /\$(?![{$A-Za-z_])/.test(line.replaceAll('$$', '')));
		assert.deepEqual(bare, []);
	});

	it('should cover dead letters, forward lag, fallback rate, n8n queue depth and disk', () => {
		const alerts = allRules.map((rule) => rule.alert);
		for (const alert of [
			'DeadLetters',
			'ForwardLag',
			'TriageFallbackRate',
			'N8nQueueBacklog',
			'DiskFilling',
		]) {
			assert.ok(alerts.includes(alert), alert);
		}
		assert.equal(new Set(alerts).size, alerts.length, 'alert names are unique');
	});

	it('should read metric names out of an expression, not labels, ranges or functions', () => {
		assert.deepEqual(
			metricNames(
				'max by (queue) (rate(a_total{job="x", b="c"}[5m])) / on (le) b_seconds_bucket > 0.2',
			),
			['a_total', 'b_seconds_bucket'],
		);
	});

	// Prometheus's own checker, when installed (Debian: apt-get install prometheus): the rules parse,
	// and each alert fires on its series after its `for` and not below its threshold (alerts.test.yml).
	const promtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
	it(
		'should pass promtool check rules and the alert unit tests in alerts.test.yml',
		{ skip: promtool.error ? 'promtool is not installed' : false },
		() => {
			for (const args of [
				['check', 'rules', 'alerts.yml'],
				['test', 'rules', 'alerts.test.yml'],
			]) {
				const run = spawnSync('promtool', args, { cwd: dir, encoding: 'utf8' });
				assert.equal(run.status, 0, `promtool ${args.join(' ')}:\n${run.stdout}${run.stderr}`);
			}
		},
	);

	describe('against a running gateway', () => {
		let db: TestDatabase;
		let gateway: GatewayHandle;
		let exported: Set<string>;
		let text: string;

		before(async () => {
			db = await createTestDatabase();
			const [port] = await freePorts(1);
			gateway = await startGatewayProcess({
				port: port!,
				databaseUrl: databaseUrl(adminUrl, db.name),
				n8nInboundUrl: 'http://127.0.0.1:9/webhook/unused',
				forwardSecret: 'forward-secret-0000001',
				webhookSecrets: ['bot-secret-0001'],
				logFile: join(tmpdir(), `${db.name}-gateway.log`),
				cwd: paths.composeDir,
				extraEnv: { GATEWAY_RECONCILE_INTERVAL_MS: '0' },
			});
			const response = await fetch(`${gateway.url}/metrics`);
			assert.equal(response.status, 200);
			text = await response.text();
			exported = new Set(
				text
					.split('\n')
					.filter((line) => line && !line.startsWith('#'))
					.map((line) => line.split(/[{ ]/)[0]!),
			);
		});
		after(async () => {
			await gateway?.process.stop();
			await db?.drop();
		});

		it('should export every gateway metric the rules name', () => {
			const named = allRules.flatMap((rule) => metricNames(rule.expr));
			assert.ok(named.some((name) => name.startsWith('sb_gateway_')));
			const missing = named.filter((name) => !exported.has(name) && !(name in OTHER_EXPORTERS));
			assert.deepEqual(missing, []);
		});

		it('should read the ledger at scrape time (sb_gateway_ledger_up 1)', () => {
			assert.match(text, /^sb_gateway_ledger_up 1$/m);
			assert.match(text, /^sb_gateway_oldest_waiting_seconds\{queue="chatwoot"\} 0$/m);
		});
	});
});
