// npm start: one command runs the local stack, with the whole inbound path wired and the demo content
// seeded, and says where everything is.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import {
	applyChatwootConfig,
	DEFAULT_CONFIG_FILE,
	loadChatwootConfig,
} from '@switchboard/glue/chatwoot/config';
import { CHATWOOT_SIM_USER_TOKEN } from '../simulators/src/chatwoot/constants.ts';
import { GOOGLE_CALENDAR_SIM_DEFAULT_PORT } from '../simulators/src/google-calendar/index.ts';
import { META_SIM_DEFAULT_TOKEN } from '../simulators/src/meta/index.ts';
import { claudeModelFromEnv, type ClaudeModelSettings } from './lib/claude-model.ts';
import { startBroadcastSenderProcess } from './lib/broadcast-sender.ts';
import { provisionDirectus } from './lib/directus-content.ts';
import { mailAddressesFromEnv, smtpUrlFromEnv } from './lib/smtp-url.ts';
import { startGatewayProcess, type GatewayHandle } from './lib/gateway.ts';
import {
	localSecrets,
	localStackOptions,
	parseLocalEnv,
	type LocalEnv,
} from './lib/local-config.ts';
import {
	INBOUND_WEBHOOK_PATH,
	logStoreCredential,
	PROMOTION_WEBHOOK_PATH,
	provisionN8n,
} from './lib/n8n-provision.ts';
import { assertPortFree } from './lib/ports.ts';
import { assertPostgresReachable, databaseUrl } from './lib/postgres.ts';
import { assertRedisReachable } from './lib/redis.ts';
import { locateRuntimes } from './lib/runtimes.ts';
import {
	chatwootIdsUsed,
	startSimulators,
	stopSimulators,
	type EndpointInUse,
} from './lib/simulators.ts';
import { StackError } from './lib/stack-error.ts';
import { startStack, supervise, type Stack, type StackOptions } from './lib/supervisor.ts';

const root = join(import.meta.dirname, '..');
/** The Meta simulator's WhatsApp Business Account. */
const LOCAL_WABA_ID = '102290129340398';
const stateDir = join(root, '.stack', 'local');

function banner(
	stack: Stack,
	endpoints: EndpointInUse[],
	gatewayUrl: string,
	email: string,
	password: string,
	metaRoute: boolean,
	senderLog: string | null,
): string {
	const local = (url: string) => url.replace('127.0.0.1', 'localhost');
	const rows: [string, string][] = [
		['n8n editor', `${local(stack.n8n.url)}  (n8n ${stack.n8n.version})`],
		[
			'n8n queue',
			`webhooks on ${local(stack.n8n.webhookUrl)}/webhook/…, ${stack.n8nWorkers.length} worker(s) with external task runners (N8N_WORKERS)`,
		],
		['Directus app', `${local(stack.directus.url)}/admin  (Directus ${stack.directus.version})`],
		['login (both)', `${email} / ${password}`],
		['n8n API key', stack.n8n.apiKey],
		['Directus token', stack.directus.adminToken],
		['gateway', `${local(gatewayUrl)}/webhooks/chatwoot  (health: ${local(gatewayUrl)}/healthz)`],
		[
			'Meta webhooks',
			metaRoute
				? `${local(gatewayUrl)}/webhooks/meta → Chatwoot /webhooks/whatsapp/+<number>`
				: 'off (set META_APP_SECRET and META_WEBHOOK_VERIFY_TOKEN to receive real Meta)',
		],
		[
			'broadcasts',
			senderLog
				? `sender beside the gateway (log: ${senderLog})`
				: 'sender off (no WhatsApp token)',
		],
		...endpoints.map(({ title, url, simulated, page, sidecar }): [string, string] => [
			title,
			simulated
				? `${local(page ?? url)}${sidecar ? `  (${sidecar.title} on ${sidecar.url})` : ''}  (simulator: .env names no real one)`
				: `${url}  (real)`,
		]),
		['logs', stack.logDir],
	];
	const width = Math.max(...rows.map(([k]) => k.length));
	return [
		'',
		'switchboard is running:',
		...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
		'',
		'Try it: npm run demo -- "How long does installation take?"',
		'Press Ctrl-C to stop everything.',
	].join('\n');
}

/** One Google user's OAuth client and refresh token from .env, or null (the simulator runs). */
function googleAccountFromEnv(
	env: NodeJS.ProcessEnv,
): { clientId: string; clientSecret: string; refreshToken: string } | null {
	const clientId = env.GOOGLE_CALENDAR_CLIENT_ID?.trim();
	const clientSecret = env.GOOGLE_CALENDAR_CLIENT_SECRET?.trim();
	const refreshToken = env.GOOGLE_CALENDAR_REFRESH_TOKEN?.trim();
	return clientId && clientSecret && refreshToken ? { clientId, clientSecret, refreshToken } : null;
}

function endpoint(endpoints: EndpointInUse[], name: EndpointInUse['name']): EndpointInUse {
	return endpoints.find((e) => e.name === name)!;
}

/**
 * Meta's callback on the gateway (/webhooks/meta). With the simulator it is always on, so the
 * sandbox runs production's path (Meta → gateway → Chatwoot's /webhooks/whatsapp/+<number>),
 * signed with .env's secrets or the sandbox's own; a real Meta needs both in .env.
 */
function metaWebhookSettings(env: LocalEnv): { appSecret: string; verifyToken: string } | null {
	const appSecret = process.env.META_APP_SECRET?.trim();
	const verifyToken = process.env.META_WEBHOOK_VERIFY_TOKEN?.trim();
	if (appSecret && verifyToken) return { appSecret, verifyToken };
	if (env.META_GRAPH_URL) return null;
	return {
		appSecret: appSecret || 'local-sim-meta-app-secret',
		verifyToken: verifyToken || 'local-sim-meta-verify-token',
	};
}

/** The administrator token the Chatwoot config is applied with. */
function chatwootAdminToken(env: LocalEnv, chatwoot: EndpointInUse): string {
	if (chatwoot.simulated) return CHATWOOT_SIM_USER_TOKEN;
	if (!env.CHATWOOT_API_TOKEN) {
		throw new StackError(
			"CHATWOOT_URL is set but CHATWOOT_API_TOKEN is not: copy an administrator's access token from Chatwoot (Profile settings › Access Token) into .env.",
		);
	}
	return env.CHATWOOT_API_TOKEN;
}

/** Model and prices for n8n's Claude credential; the simulator's unless ANTHROPIC_BASE_URL is real. */
function claudeSettingsOf(env: LocalEnv): ClaudeModelSettings {
	const result = claudeModelFromEnv(process.env, { simulated: !env.ANTHROPIC_BASE_URL });
	if (result.ok) return result.settings;
	throw new StackError(
		`ANTHROPIC_BASE_URL is set, so .env needs the model and its prices: ${result.problems.join(', ')}; see .env.example.`,
	);
}

async function main(): Promise<void> {
	if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'));
	const env = parseLocalEnv(process.env);
	const claudeSettings = claudeSettingsOf(env);
	await assertRedisReachable(env.REDIS_URL);
	await assertPortFree(env.GATEWAY_PORT, 'the gateway');
	const options: StackOptions = localStackOptions(env, stateDir);
	const secrets = localSecrets(env, stateDir);
	const gatewayUrl = `http://127.0.0.1:${env.GATEWAY_PORT}`;
	// Production webhooks are served by n8n's webhook processor, as in compose.
	const n8nWebhookUrl = `http://127.0.0.1:${env.N8N_WEBHOOK_PORT}`;
	options.directusEnv = {
		SWITCHBOARD_PROMOTION_WEBHOOK_URL:
			env.SWITCHBOARD_PROMOTION_WEBHOOK_URL ?? `${n8nWebhookUrl}/${PROMOTION_WEBHOOK_PATH}`,
		SWITCHBOARD_PROMOTION_WEBHOOK_SECRET: secrets.promotionWebhookSecret,
		// The appointments hook asks workflow 07 to apply a front-desk move or cancel at once.
		SWITCHBOARD_APPOINTMENT_WEBHOOK_URL:
			process.env.SWITCHBOARD_APPOINTMENT_WEBHOOK_URL ||
			`${n8nWebhookUrl}/webhook/switchboard/appointment-changed`,
		// The approved WhatsApp templates sync (Directus hook): the simulator's WABA unless .env
		// points at Meta.
		META_GRAPH_URL: env.META_GRAPH_URL ?? `http://127.0.0.1:${env.META_SIM_PORT}`,
		META_WHATSAPP_TOKEN:
			process.env.META_WHATSAPP_TOKEN || (env.META_GRAPH_URL ? '' : META_SIM_DEFAULT_TOKEN),
		META_WABA_ID: process.env.META_WABA_ID || (env.META_GRAPH_URL ? '' : LOCAL_WABA_ID),
	};
	const say = (line: string) => console.log(line);
	// Like compose's `restart: unless-stopped`: a runtime that dies (Directus when Redis goes away)
	// comes back, and the terminal says so. Ctrl-C stops them for good.
	options.restart = { say };

	const cleanups: Array<() => Promise<unknown>> = [];
	const stopAll = async () => {
		for (const cleanup of [...cleanups].reverse()) await cleanup().catch(() => undefined);
	};
	// Ctrl-C while starting stops what has started so far.
	let stopping = false;
	const stop = async (signal: NodeJS.Signals) => {
		if (stopping) {
			console.log('Forcing the stop.');
			process.exit(130);
		}
		stopping = true;
		console.log(`\n${signal}: stopping the gateway, n8n, Directus and the simulators…`);
		// A hung shutdown must not hold the terminal: exiting kills every child group anyway.
		setTimeout(() => process.exit(1), 30_000).unref();
		await stopAll();
		console.log('Stopped. Nothing is left running.');
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	const directusDb = databaseUrl(options.postgresUrl, options.databases.directus);
	await assertPostgresReachable(options.postgresUrl);
	const googleAccount = googleAccountFromEnv(process.env);
	const chatwootConfig = loadChatwootConfig(DEFAULT_CONFIG_FILE, {
		...process.env,
		GATEWAY_PUBLIC_URL: gatewayUrl,
	});
	const metaWebhook = metaWebhookSettings(env);
	const endpoints = await startSimulators([
		{
			name: 'chatwoot',
			realUrl: env.CHATWOOT_URL,
			port: env.CHATWOOT_SIM_PORT,
			options: {
				botOutgoingUrl: `${gatewayUrl}/webhooks/chatwoot`,
				// keep_pending_on_bot_failure lives in Chatwoot's database, not its API (production's first
				// start sets it with Rails's runner): the simulator takes it from chatwoot/config/.
				keepPendingOnBotFailure: chatwootConfig.account.keep_pending_on_bot_failure,
				// Chatwoot 4.14+ checks Meta's signature with WHATSAPP_APP_SECRET; the gateway re-signs.
				...(metaWebhook ? { whatsappAppSecret: metaWebhook.appSecret } : {}),
				// The simulator starts empty; numbering after the last run's ids keeps its messages
				// from reading as duplicates and its conversations as ones with a lead already.
				idsAfter: env.CHATWOOT_URL ? undefined : await chatwootIdsUsed(directusDb),
			},
		},
		{
			name: 'meta',
			realUrl: env.META_GRAPH_URL,
			port: env.META_SIM_PORT,
			options: {
				meta: {
					// chatwoot/config's numbers, in the WABA the template sync reads.
					businessNumbers: chatwootConfig.departments.flatMap((department) =>
						department.whatsapp.map((number) => ({
							phoneNumberId: number.phone_number_id,
							displayPhoneNumber: number.number.replace(/\D/g, ''),
							wabaId: LOCAL_WABA_ID,
							verifiedName: department.name,
						})),
					),
					...(metaWebhook
						? {
								appSecret: metaWebhook.appSecret,
								verifyToken: metaWebhook.verifyToken,
								webhookUrl: `${gatewayUrl}/webhooks/meta`,
							}
						: {}),
				},
			},
		},
		{ name: 'anthropic', realUrl: env.ANTHROPIC_BASE_URL, port: env.ANTHROPIC_SIM_PORT },
		{
			name: 'smtp',
			// A real mail server once .env names one (the SMTP_* variables production uses too); said
			// without its login in the banner.
			realUrl: smtpUrlFromEnv(process.env, { withLogin: false }),
			port: env.SMTP_SINK_HTTP_PORT,
			sidecarPort: env.SMTP_SINK_PORT,
		},
		// Appointments (workflows 06, 07): Google's API once .env has a Google account.
		{
			name: 'google-calendar',
			realUrl: googleAccount ? 'https://www.googleapis.com/' : undefined,
			port: GOOGLE_CALENDAR_SIM_DEFAULT_PORT,
		},
	]);
	cleanups.push(() => stopSimulators(endpoints));
	// A broadcast's estimate in Directus counts groups defined by Chatwoot labels or a stage the
	// way the broadcast sender does, through Chatwoot's API (as compose gives Directus).
	const chatwoot = endpoint(endpoints, 'chatwoot');
	const adminToken = chatwootAdminToken(env, chatwoot);
	options.directusEnv = {
		...options.directusEnv,
		CHATWOOT_URL: chatwoot.url,
		CHATWOOT_API_TOKEN: adminToken,
		CHATWOOT_ACCOUNT_ID: String(chatwootConfig.account.id),
	};
	let stack: Stack;
	let gateway: GatewayHandle;
	let senderLog: string | null = null;
	try {
		say(
			`Starting n8n (main, webhook processor, ${options.ports.n8nWorkers.length} worker(s)) and Directus (the first start runs their database migrations: about a minute)…`,
		);
		stack = await startStack(options);
		cleanups.push(() => stack.stop());
		const pool = new pg.Pool({ connectionString: directusDb, max: 2 });
		pool.on('error', () => undefined);
		cleanups.push(() => pool.end());

		await provisionDirectus(stack.directus, {
			logStore: pool,
			automationToken: secrets.directusAutomationToken,
			seed: 'when-empty',
			onProgress: say,
		});

		say(
			`Chatwoot: applying chatwoot/config/ to ${chatwoot.simulated ? 'the simulator' : chatwoot.url}…`,
		);
		const applied = await applyChatwootConfig({
			configFile: DEFAULT_CONFIG_FILE,
			env: { ...process.env, GATEWAY_PUBLIC_URL: gatewayUrl },
			chatwoot: { baseUrl: chatwoot.url, accessToken: adminToken },
			directus: { url: stack.directus.url, token: stack.directus.adminToken },
		});
		const changed = applied.changes.filter((change) => change.action !== 'unchanged').length;
		say(`Chatwoot: ${changed} change(s); departments' wiring written to Directus.`);
		const { botSecret, botAccessToken } = applied;
		if (!botSecret || !botAccessToken) {
			throw new StackError(
				"Chatwoot did not show the agent bot's secret and access token, which it shows to administrators only: CHATWOOT_API_TOKEN must be an administrator's.",
			);
		}

		const anthropic = endpoint(endpoints, 'anthropic');
		const meta = endpoint(endpoints, 'meta');
		const smtp = endpoint(endpoints, 'smtp');
		const calendar = endpoint(endpoints, 'google-calendar');
		say('n8n: importing credentials and workflows…');
		await provisionN8n(stack.n8n, locateRuntimes(), {
			onProgress: say,
			// Workflows changed in n8n's editor are kept unless named here (.env.example).
			force: process.env.SWITCHBOARD_FORCE_WORKFLOWS,
			credentials: {
				chatwoot: {
					url: chatwoot.url,
					accessToken: botAccessToken,
					accountId: applied.accountId,
				},
				claude: {
					apiKey: env.ANTHROPIC_API_KEY ?? 'sk-ant-local-sim',
					baseUrl: anthropic.url,
					...claudeSettings,
				},
				directus: { url: stack.directus.url, token: secrets.directusAutomationToken },
				logStore: {
					...logStoreCredential(directusDb),
					...mailAddressesFromEnv(
						{ ...process.env, SWITCHBOARD_ADMIN_EMAIL: env.SWITCHBOARD_ADMIN_EMAIL },
						'Switchboard <switchboard@example.com>',
					),
				},
				gatewaySecret: secrets.gatewayForwardSecret,
				promotionHookSecret: secrets.promotionWebhookSecret,
				...(smtp.simulated
					? {
							smtp: {
								host: '127.0.0.1',
								port: env.SMTP_SINK_PORT,
								user: 'n8n',
								password: 'sink',
								secure: false,
								disableStartTls: true,
							},
						}
					: {}),
				appointments: {
					kind: 'oauth',
					clientId: googleAccount?.clientId ?? 'local-sim',
					clientSecret: googleAccount?.clientSecret ?? 'local-sim',
					refreshToken: googleAccount?.refreshToken ?? 'local-sim',
					...(calendar.simulated
						? { apiUrl: `${calendar.url}/`, tokenUrl: `${calendar.url}/token` }
						: {}),
					smtpUrl: smtp.simulated
						? `smtp://127.0.0.1:${env.SMTP_SINK_PORT}`
						: smtpUrlFromEnv(process.env)!,
					organizerEmail: process.env.APPOINTMENTS_MAIL_FROM || 'bookings@example.com',
				},
				meta: {
					accessToken: META_SIM_DEFAULT_TOKEN,
					pageId: '109876543210987',
					instagramAccountId: '17841400000000001',
					apiVersion: 'v23.0',
					baseUrl: meta.url,
				},
			},
		});

		say(`Gateway: starting on ${gatewayUrl}…`);
		const gatewayOptions = {
			port: env.GATEWAY_PORT,
			databaseUrl: directusDb,
			n8nInboundUrl: `${stack.n8n.webhookUrl}/${INBOUND_WEBHOOK_PATH}`,
			forwardSecret: secrets.gatewayForwardSecret,
			webhookSecrets: [botSecret],
			accountWebhookSecrets: applied.accountWebhookSecret ? [applied.accountWebhookSecret] : [],
			chatwoot: {
				url: chatwoot.url,
				apiToken: adminToken,
				accountId: applied.accountId,
			},
			directus: { url: stack.directus.url, token: secrets.directusAutomationToken },
			logFile: join(stack.logDir, 'gateway.log'),
			cwd: stateDir,
			extraEnv: metaWebhook
				? {
						META_APP_SECRET: metaWebhook.appSecret,
						META_WEBHOOK_VERIFY_TOKEN: metaWebhook.verifyToken,
					}
				: {},
		};
		gateway = await startGatewayProcess(gatewayOptions);
		const gatewayRuntime = supervise(
			'The gateway',
			gateway,
			() => startGatewayProcess(gatewayOptions),
			options.restart,
		);
		cleanups.push(() => gatewayRuntime.stop());

		// Broadcasts scheduled in Directus go out from a process of its own beside the gateway
		// (glue/src/broadcasts/sender-main.ts says why), restarted like the others.
		const senderToken =
			process.env.META_WHATSAPP_TOKEN || (meta.simulated ? META_SIM_DEFAULT_TOKEN : '');
		if (!senderToken) {
			say('Broadcast sender: off (META_WHATSAPP_TOKEN is not set for the real Graph API).');
		} else {
			say('Broadcast sender: starting…');
			const senderOptions = {
				databaseUrl: directusDb,
				redisUrl: env.REDIS_URL,
				directus: { url: stack.directus.url, token: secrets.directusAutomationToken },
				// Groups defined by Chatwoot labels or a stage.
				chatwoot: { url: chatwoot.url, apiToken: adminToken, accountId: applied.accountId },
				meta: {
					graphUrl: meta.url,
					token: senderToken,
					...(metaWebhook ? { appSecret: metaWebhook.appSecret } : {}),
				},
				logFile: join(stack.logDir, 'broadcast-sender.log'),
				cwd: stateDir,
				extraEnv: Object.fromEntries(
					Object.entries(process.env).filter(
						([name]) => name.startsWith('BROADCAST_') || name === 'WHATSAPP_MESSAGING_LIMIT',
					),
				),
			};
			const sender = await startBroadcastSenderProcess(senderOptions);
			const senderRuntime = supervise(
				'The broadcast sender',
				sender,
				() => startBroadcastSenderProcess(senderOptions),
				options.restart,
			);
			cleanups.push(() => senderRuntime.stop());
			senderLog = senderOptions.logFile;
		}
	} catch (err) {
		await stopAll();
		throw err;
	}
	console.log(
		banner(
			stack,
			endpoints,
			gateway.url,
			options.admin.email,
			options.admin.password,
			metaWebhook !== null,
			senderLog,
		),
	);
}

main().catch((err: unknown) => {
	if (err instanceof StackError) {
		console.error(`switchboard: ${err.message}`);
		if (err.detail && process.env.SWITCHBOARD_DEBUG) console.error(err.detail);
	} else if (err instanceof Error && err.name !== 'Error') {
		console.error(`switchboard: ${err.message}`);
		if (process.env.SWITCHBOARD_DEBUG) console.error(err);
	} else {
		console.error('switchboard: unexpected failure:', err);
	}
	process.exit(1);
});
