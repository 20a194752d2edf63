import type { HookExtensionContext } from '@directus/types';
import type { DeliveryTarget } from '../utils/deliver-event.ts';

export const WEBHOOK_URL_VAR = 'SWITCHBOARD_PROMOTION_WEBHOOK_URL';
export const WEBHOOK_SECRET_VAR = 'SWITCHBOARD_PROMOTION_WEBHOOK_SECRET';

/** Where to tell n8n, from Directus's env; null (said once in the log) when it is not set up. */
export function webhookTarget(context: HookExtensionContext): DeliveryTarget | null {
	// Directus casts env values (a numeric secret arrives as a number): read them back as text.
	const read = (name: string) => {
		const value: unknown = context.env[name];
		return value === undefined || value === null || value === '' ? null : String(value);
	};
	const url = read(WEBHOOK_URL_VAR);
	const secret = read(WEBHOOK_SECRET_VAR);
	if (url === null) {
		context.logger.debug(
			`promotions hook: ${WEBHOOK_URL_VAR} is not set; n8n is not told about promotions`,
		);
		return null;
	}
	if (secret === null) {
		context.logger.error(
			`promotions hook: ${WEBHOOK_URL_VAR} is set but ${WEBHOOK_SECRET_VAR} is not; n8n is not told about promotions until both are set`,
		);
		return null;
	}
	return { url, secret };
}
