// Applies chatwoot/config/ to Chatwoot through its API and writes each department's wiring (numbers,
// phone-number ids, inbox and team ids) into Directus `departments`. Prints one line per change.
// Usage: node scripts/apply-chatwoot-config.ts [--config <file>] [--dry-run] [--env-file <file>]
//        [--print-secrets]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod/v4';
import { ChatwootApiError, ChatwootUnreachableError } from '@switchboard/glue/chatwoot';
import {
	applyChatwootConfig,
	ChatwootConfigFileError,
	ChatwootConfigStateError,
	DEFAULT_CONFIG_FILE,
	formatChanges,
	type ApplyChatwootConfigResult,
} from '@switchboard/glue/chatwoot/config';
import { RemoteError } from '@switchboard/glue/common';
import { ContentError } from '@switchboard/glue/content';
import { CHATWOOT_SIM_USER_TOKEN } from '../simulators/src/chatwoot/constants.ts';
import { parseEnvText, setEnvValues } from './production/env-file.ts';

const root = join(import.meta.dirname, '..');

const USAGE = `Usage: node scripts/apply-chatwoot-config.ts [--config <file>] [--dry-run] [--env-file <file>] [--print-secrets]

Applies a Chatwoot configuration file (default chatwoot/config/northwind-fibre.yaml) to Chatwoot:
labels, custom attributes, teams, the agent bot, the department inboxes (renamed, bot attached) and
the account webhook; then writes each department's wiring into Directus \`departments\`. Running it
again changes nothing. WhatsApp inboxes are not created: make each one in Chatwoot first.

  --config <file>    the configuration file
  --dry-run          say what would change, change nothing
  --env-file <file>  write the secrets Chatwoot made (CHATWOOT_BOT_SECRET, CHATWOOT_BOT_TOKEN,
                     CHATWOOT_ACCOUNT_WEBHOOK_SECRET) into this file (e.g. .env), comments and
                     order kept; without it, only where each goes is said
  --print-secrets    also print the agent bot's and the account webhook's secrets, and the agent
                     bot's access token (CHATWOOT_BOT_TOKEN, for n8n's Chatwoot credential)

Environment (and .env): CHATWOOT_URL (unset: the local simulator on CHATWOOT_SIM_PORT),
CHATWOOT_API_TOKEN (an administrator's access token), CHATWOOT_ACCOUNT_ID (default: the file's
account.id), GATEWAY_PUBLIC_URL and any other \${NAME} the file uses, DIRECTUS_URL and
DIRECTUS_ADMIN_TOKEN (DIRECTUS_URL unset: the Directus step is skipped).`;

/** Bad arguments: exit code 2. */
class UsageError extends Error {}
/** A setting is missing or wrong: exit code 1, the message alone. */
class SettingsError extends Error {}

const envSchema = z.object({
	CHATWOOT_URL: z.url({ protocol: /^https?$/ }).optional(),
	CHATWOOT_API_TOKEN: z.string().optional(),
	CHATWOOT_ACCOUNT_ID: z.coerce.number().int().positive().optional(),
	CHATWOOT_SIM_PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
	DIRECTUS_URL: z.url({ protocol: /^https?$/ }).optional(),
	DIRECTUS_ADMIN_TOKEN: z.string().optional(),
});

interface Settings {
	configFile: string;
	dryRun: boolean;
	printSecrets: boolean;
	/** Where the secrets Chatwoot made are written; null: only said where they go. */
	envFile: string | null;
	chatwoot: { baseUrl: string; accessToken: string; accountId?: number; simulator: boolean };
	directus: { url: string; token: string } | null;
}

function parseCommandLine(
	argv: string[],
): (Pick<Settings, 'configFile' | 'dryRun' | 'printSecrets'> & { envFile?: string }) | null {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			options: {
				config: { type: 'string' },
				'dry-run': { type: 'boolean', default: false },
				'print-secrets': { type: 'boolean', default: false },
				'env-file': { type: 'string' },
				help: { type: 'boolean', short: 'h', default: false },
			},
			strict: true,
			allowPositionals: false,
		});
	} catch (error) {
		throw new UsageError((error as Error).message);
	}
	if (parsed.values.help) return null;
	return {
		configFile: parsed.values.config ?? fileURLToPath(DEFAULT_CONFIG_FILE),
		dryRun: parsed.values['dry-run'],
		printSecrets: parsed.values['print-secrets'],
		...(parsed.values['env-file'] ? { envFile: parsed.values['env-file'] } : {}),
	};
}

function readSettings(argv: string[], env: NodeJS.ProcessEnv): Settings | null {
	const command = parseCommandLine(argv);
	if (!command) return null;
	// `KEY=` copied from .env.example means "not set".
	const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
	const parsed = envSchema.safeParse(set);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new SettingsError(
			`${issue?.path.join('.')} is invalid (${issue?.message}); see .env.example.`,
		);
	}
	const vars = parsed.data;
	const simulator = vars.CHATWOOT_URL === undefined;
	const accessToken = vars.CHATWOOT_API_TOKEN ?? (simulator ? CHATWOOT_SIM_USER_TOKEN : undefined);
	if (!accessToken) {
		throw new SettingsError(
			"CHATWOOT_API_TOKEN is not set: copy an administrator's access token from Chatwoot (Profile settings › Access Token).",
		);
	}
	let directus: Settings['directus'] = null;
	if (vars.DIRECTUS_URL) {
		const token = vars.DIRECTUS_ADMIN_TOKEN ?? generatedDirectusToken();
		if (!token) {
			throw new SettingsError(
				'DIRECTUS_URL is set but DIRECTUS_ADMIN_TOKEN is not: set both, or neither to skip Directus.',
			);
		}
		directus = { url: vars.DIRECTUS_URL, token };
	}
	return {
		...command,
		envFile: command.dryRun ? null : (command.envFile ?? null),
		chatwoot: {
			baseUrl: vars.CHATWOOT_URL ?? `http://127.0.0.1:${vars.CHATWOOT_SIM_PORT}`,
			accessToken,
			accountId: vars.CHATWOOT_ACCOUNT_ID,
			simulator,
		},
		directus,
	};
}

/** The admin token npm start generated for the local Directus, as scripts/directus-setup.ts uses. */
function generatedDirectusToken(): string | undefined {
	const file = join(root, '.stack', 'local', 'secrets.json');
	if (!existsSync(file)) return undefined;
	return (JSON.parse(readFileSync(file, 'utf8')) as { directusAdminToken?: string })
		.directusAdminToken;
}

/** A secret Chatwoot made, the variable it goes into, and the values that variable may hold. */
interface MadeSecret {
	what: string;
	variable: string;
	secret: string | null;
	known: string[];
}

const listed = (...values: (string | undefined)[]) =>
	values.flatMap((value) => (value ?? '').split(',').map((item) => item.trim()));

function madeSecrets(result: ApplyChatwootConfigResult, env: NodeJS.ProcessEnv): MadeSecret[] {
	return [
		// The gateway takes the bot's secret from CHATWOOT_WEBHOOK_SECRET (a list) or CHATWOOT_BOT_SECRET.
		{
			what: 'agent bot secret',
			variable: 'CHATWOOT_BOT_SECRET',
			secret: result.botSecret,
			known: listed(env.CHATWOOT_BOT_SECRET, env.CHATWOOT_WEBHOOK_SECRET),
		},
		{
			what: 'agent bot access token',
			variable: 'CHATWOOT_BOT_TOKEN',
			secret: result.botAccessToken,
			known: listed(env.CHATWOOT_BOT_TOKEN),
		},
		...(result.changes.some((change) => change.kind === 'account webhook')
			? [
					{
						what: 'account webhook secret',
						variable: 'CHATWOOT_ACCOUNT_WEBHOOK_SECRET',
						secret: result.accountWebhookSecret,
						known: listed(env.CHATWOOT_ACCOUNT_WEBHOOK_SECRET),
					},
				]
			: []),
	];
}

/**
 * Writes the secrets the env file does not hold yet into it, in place (it may be a file mounted
 * into a container, which cannot be renamed over; one it creates is readable by its owner only).
 * One line each, naming the variable, never the value.
 */
function writeSecrets(file: string, secrets: MadeSecret[]): string[] {
	const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
	const current = parseEnvText(text);
	const lines: string[] = [];
	const values: Record<string, string> = {};
	for (const { what, variable, secret } of secrets) {
		if (secret === null) continue;
		const label = `${what.charAt(0).toUpperCase()}${what.slice(1)}`;
		if (listed(current[variable]).includes(secret)) {
			lines.push(`${label}: ${variable} in ${file} already holds it.`);
			continue;
		}
		values[variable] = secret;
		lines.push(`${label}: written to ${variable} in ${file}.`);
		// CHATWOOT_WEBHOOK_SECRET, when set, wins over CHATWOOT_BOT_SECRET at the gateway.
		const list = listed(current.CHATWOOT_WEBHOOK_SECRET).filter(Boolean);
		if (variable === 'CHATWOOT_BOT_SECRET' && list.length && !list.includes(secret)) {
			lines.push(
				`${label}: CHATWOOT_WEBHOOK_SECRET in ${file} is set and lacks it, and the gateway reads that one first: add it there (comma-separated) or empty it.`,
			);
		}
	}
	if (Object.keys(values).length) {
		writeFileSync(file, setEnvValues(text, values), { mode: 0o600 });
	}
	return lines;
}

function report(
	settings: Settings,
	result: ApplyChatwootConfigResult,
	env: NodeJS.ProcessEnv,
): string[] {
	const lines = [...formatChanges(result.changes), ...result.manualSteps];
	if (!result.directus) {
		lines.push(
			"Directus: DIRECTUS_URL is not set, so the departments' wiring was not written there.",
		);
	} else if (result.directus.unknown.length > 0) {
		const keys = result.directus.unknown.join(', ');
		lines.push(`Directus: departments not in the config, left as they are: ${keys}.`);
	}
	const secrets = madeSecrets(result, env);
	if (settings.envFile) lines.push(...writeSecrets(settings.envFile, secrets));
	else {
		lines.push(secretLine(secrets[0]!, settings.printSecrets));
		if (settings.printSecrets && result.botAccessToken !== null) {
			lines.push(`CHATWOOT_BOT_TOKEN=${result.botAccessToken}`);
		}
		if (secrets[2]) lines.push(secretLine(secrets[2], settings.printSecrets));
	}
	if (settings.envFile && settings.printSecrets) {
		for (const { variable, secret } of secrets) if (secret) lines.push(`${variable}=${secret}`);
	}
	return lines;
}

/** Where a secret goes, never the secret itself unless asked. */
function secretLine({ what, variable, secret, known }: MadeSecret, print: boolean): string {
	const label = `${what.charAt(0).toUpperCase()}${what.slice(1)}`;
	if (secret === null) {
		return `${label}: Chatwoot makes one when it creates the ${what.replace(/ secret$/, '')}.`;
	}
	if (print) return `${variable}=${secret}`;
	if (known.includes(secret)) return `${label}: ${variable} already holds it.`;
	return `${label}: put it into ${variable} (.env), where the gateway reads it; --env-file writes it there, --print-secrets shows it.`;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
	let settings: Settings | null;
	try {
		settings = readSettings(argv, env);
	} catch (error) {
		if (error instanceof UsageError) {
			console.error(`${error.message}\n\n${USAGE}`);
			return 2;
		}
		throw error;
	}
	if (!settings) {
		console.log(USAGE);
		return 0;
	}
	const where = settings.chatwoot.simulator ? 'the local Chatwoot simulator' : 'Chatwoot';
	console.log(
		`${settings.dryRun ? 'Dry run (nothing is changed): ' : ''}${relative(process.cwd(), settings.configFile) || settings.configFile} → ${where} at ${settings.chatwoot.baseUrl}`,
	);
	const result = await applyChatwootConfig({
		configFile: settings.configFile,
		env,
		chatwoot: settings.chatwoot,
		directus: settings.directus,
		dryRun: settings.dryRun,
	});
	for (const line of report(settings, result, env)) console.log(line);
	return 0;
}

const KNOWN_FAILURES = [
	SettingsError,
	ChatwootConfigFileError,
	ChatwootConfigStateError,
	ChatwootApiError,
	ChatwootUnreachableError,
	ContentError,
	RemoteError,
];

if (import.meta.main) {
	if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'));
	main(process.argv.slice(2), process.env).then(
		(code) => process.exit(code),
		(error: unknown) => {
			if (KNOWN_FAILURES.some((kind) => error instanceof kind)) {
				console.error((error as Error).message);
				process.exit(1);
			}
			console.error(error);
			process.exit(1);
		},
	);
}
