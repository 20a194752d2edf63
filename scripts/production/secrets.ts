// Every secret the production stack needs, generated once into .env and never replaced afterwards.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { EnvFileError } from './env-file-error.ts';
import { fillEnvValues, parseEnvText, writeEnvFile } from './env-file.ts';

export interface SecretSpec {
	name: string;
	/** Random bytes before base64url encoding (URL-safe: passwords also go into redis:// URLs). */
	bytes: number;
	/** Fixed start, for password rules that want an upper-case letter and a digit. */
	prefix?: string;
}

export const productionSecrets: readonly SecretSpec[] = [
	{ name: 'POSTGRES_PASSWORD', bytes: 24 },
	{ name: 'CHATWOOT_DB_PASSWORD', bytes: 24 },
	{ name: 'N8N_DB_PASSWORD', bytes: 24 },
	{ name: 'DIRECTUS_DB_PASSWORD', bytes: 24 },
	{ name: 'REDIS_PASSWORD', bytes: 24 },
	// Rails' own generator makes 64 bytes.
	{ name: 'CHATWOOT_SECRET_KEY_BASE', bytes: 64 },
	// Never change it once n8n stores credentials: they would no longer decrypt.
	{ name: 'N8N_ENCRYPTION_KEY', bytes: 32 },
	// n8n's task broker takes runner sidecars with it (external mode).
	{ name: 'N8N_RUNNERS_AUTH_TOKEN', bytes: 32 },
	// Directus warns under 32 characters; 32 bytes encode to 43.
	{ name: 'DIRECTUS_SECRET', bytes: 32 },
	{ name: 'DIRECTUS_ADMIN_TOKEN', bytes: 32 },
	// The n8n owner's password; Directus's admin gets its own, so one leaked login opens one app.
	{ name: 'SWITCHBOARD_ADMIN_PASSWORD', bytes: 18, prefix: 'Sb1-' },
	{ name: 'DIRECTUS_ADMIN_PASSWORD', bytes: 18, prefix: 'Sb1-' },
	// Pangolin wants at least 32 characters.
	{ name: 'PANGOLIN_SERVER_SECRET', bytes: 32 },
	// The gateway sends it to n8n with every forward (X-Switchboard-Secret); it wants 16 characters.
	{ name: 'GATEWAY_FORWARD_SECRET', bytes: 32 },
	// Static token of Directus's Automation user, which n8n reads content with.
	{ name: 'DIRECTUS_AUTOMATION_TOKEN', bytes: 32 },
	// The Directus promotion hook sends it to n8n's promotion webhook (X-Switchboard-Secret).
	{ name: 'SWITCHBOARD_PROMOTION_WEBHOOK_SECRET', bytes: 32 },
];

export type RandomSource = (bytes: number) => Buffer;

export function generateSecret(spec: SecretSpec, random: RandomSource = randomBytes): string {
	return `${spec.prefix ?? ''}${random(spec.bytes).toString('base64url')}`;
}

export interface EnsureSecretsOptions {
	envFile: string;
	/** Copied to envFile when that does not exist yet. */
	exampleFile: string;
	specs?: readonly SecretSpec[];
	random?: RandomSource;
}

export interface EnsureSecretsResult {
	createdFile: boolean;
	/** Names given a new value now. */
	generated: string[];
	/** Names that already had a value, left as they were. */
	kept: string[];
}

/** Fills every empty secret in envFile (made from the example if missing) and makes it mode 600. */
export function ensureSecrets(options: EnsureSecretsOptions): EnsureSecretsResult {
	const createdFile = !existsSync(options.envFile);
	if (createdFile && !existsSync(options.exampleFile)) {
		throw new EnvFileError({ file: options.exampleFile, reason: 'is missing; cannot create .env' });
	}
	const text = readFileSync(createdFile ? options.exampleFile : options.envFile, 'utf8');
	const current = parseEnvText(text);
	const generated: Record<string, string> = {};
	const kept: string[] = [];
	for (const spec of options.specs ?? productionSecrets) {
		if (current[spec.name]?.trim()) kept.push(spec.name);
		else generated[spec.name] = generateSecret(spec, options.random);
	}
	if (createdFile || Object.keys(generated).length) {
		writeEnvFile(options.envFile, fillEnvValues(text, generated));
	} else {
		chmodSync(options.envFile, 0o600);
	}
	return { createdFile, generated: Object.keys(generated), kept };
}
