// The WhatsApp display numbers we have inboxes for, from chatwoot/config (the one home of that fact):
// the Meta route drops an item for any other number instead of posting it to an inbox that does
// not exist.
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG_FILE, loadChatwootConfig } from '../../chatwoot/config/index.ts';

/**
 * Digits of every department's WhatsApp numbers. The agent bot's and account webhook's URLs come
 * from GATEWAY_PUBLIC_URL, which the gateway itself never needs: a stand-in fills it when unset.
 */
export function knownWhatsappNumbers(
	file: string | null,
	env: NodeJS.ProcessEnv = process.env,
): ReadonlySet<string> {
	const config = loadChatwootConfig(file ?? fileURLToPath(DEFAULT_CONFIG_FILE), {
		...env,
		GATEWAY_PUBLIC_URL: env.GATEWAY_PUBLIC_URL || 'http://gateway.invalid',
	});
	return new Set(
		config.departments.flatMap((department) =>
			department.whatsapp.map((number) => number.number.replace(/\D/g, '')),
		),
	);
}
