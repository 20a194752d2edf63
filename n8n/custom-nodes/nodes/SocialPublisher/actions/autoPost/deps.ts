import type { IExecuteFunctions } from 'n8n-workflow';
import { createContentReader } from '@switchboard/glue/content';
import {
	createDirectusPostLog,
	type MetaTarget,
	type SocialLogger,
} from '@switchboard/glue/social';
import { directusConnectionFor, metaClientFor } from '../../../../shared/clients';

/**
 * A reader without the shared cache: a promotion published a second ago must be seen by the
 * "published" event it caused, and the schedule runs far apart anyway.
 */
export async function freshContentFor(context: IExecuteFunctions) {
	return createContentReader({ ...(await directusConnectionFor(context)), cacheTtlMs: 0 });
}

export async function postLogFor(context: IExecuteFunctions) {
	return createDirectusPostLog(await directusConnectionFor(context));
}

export async function metaTargetFor(context: IExecuteFunctions): Promise<MetaTarget> {
	const { client, credential } = await metaClientFor(context);
	return {
		pages: client.pages,
		instagram: client.instagram,
		pageId: credential.pageId,
		igUserId: credential.instagramAccountId?.trim() || null,
	};
}

/**
 * TikTok's e-mail addresses, from the Switchboard log credential: .env settings that first-start's
 * n8n step writes there, so workflow 02 holds no address.
 */
export async function handoffMailFor(context: IExecuteFunctions) {
	const { marketingEmail, mailFrom } = await context.getCredentials<{
		marketingEmail?: string;
		mailFrom?: string;
	}>('switchboardPostgresApi');
	return { marketingEmail, mailFrom };
}

/** n8n's own logger: what the library logs (ids, codes) lands in n8n's log. */
export function loggerOf(context: IExecuteFunctions): SocialLogger {
	return {
		info: (message, meta) => context.logger.info(message, meta),
		warn: (message, meta) => context.logger.warn(message, meta),
	};
}
