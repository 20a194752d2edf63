// Production applies the business's own Chatwoot config, never the demo's: which file that is, and
// what keeps it from going live (missing, invalid, or still holding made-up +1 555 numbers).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
	ChatwootConfigFileError,
	loadChatwootConfig,
	type ChatwootConfig,
} from '@switchboard/glue/chatwoot/config';
import type { EnvValues } from './env-file.ts';
import { gatewayPublicUrl } from './settings.ts';

/** The file production applies (repository path). */
export const BUSINESS_CONFIG = 'chatwoot/config/business.yaml';
/** The documented starting point for it. */
export const BUSINESS_TEMPLATE = 'chatwoot/config/business.template.yaml';
/** The local stack's made-up business (npm start, the tests). */
export const DEMO_CONFIG = 'chatwoot/config/northwind-fibre.yaml';

/**
 * +1 555 is no real area code: the demo's and the template's numbers use it so that they can never
 * be somebody's phone. A config still holding one was copied, not filled in.
 */
export function isMadeUpNumber(number: string): boolean {
	return number.startsWith('+1555');
}

/** Each WhatsApp number of the config that is still made up, with its department. */
export function madeUpNumbers(config: ChatwootConfig): { department: string; number: string }[] {
	return config.departments.flatMap((department) =>
		department.whatsapp
			.filter((w) => isMadeUpNumber(w.number))
			.map((w) => ({ department: department.key, number: w.number })),
	);
}

export type BusinessConfigCheck =
	| { ok: true; file: string; config: ChatwootConfig }
	| { ok: false; file: string; problem: string; config?: ChatwootConfig };

/** Values the config's ${NAME}s need that only exist once the stack runs; their form is enough here. */
function configEnv(env: EnvValues): EnvValues {
	return { ...env, GATEWAY_PUBLIC_URL: gatewayPublicUrl(env) };
}

/**
 * Loads chatwoot/config/business.yaml (or `file`, relative to `root` or absolute) and says, in one
 * line, what keeps it from going live.
 */
export function checkBusinessConfig(
	root: string,
	env: EnvValues,
	file: string = BUSINESS_CONFIG,
): BusinessConfigCheck {
	if (!existsSync(resolve(root, file))) {
		return {
			ok: false,
			file,
			problem: `${file} does not exist: copy ${BUSINESS_TEMPLATE} to it and put in your departments, WhatsApp numbers and phone-number ids (${DEMO_CONFIG} is the local demo, never applied in production).`,
		};
	}
	let config: ChatwootConfig;
	try {
		config = loadChatwootConfig(resolve(root, file), configEnv(env));
	} catch (error) {
		if (!(error instanceof ChatwootConfigFileError)) throw error;
		const issues = error.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
		return { ok: false, file, problem: `${file} is not valid: ${issues.join('; ')}` };
	}
	const madeUp = madeUpNumbers(config);
	if (madeUp.length) {
		const list = madeUp.map((m) => `${m.number} (${m.department})`).join(', ');
		return {
			ok: false,
			file,
			config,
			problem: `${file} still has made-up +1 555 numbers: ${list}. Put your WhatsApp numbers and their phone-number ids in (WhatsApp Manager › Phone numbers).`,
		};
	}
	return { ok: true, file, config };
}
