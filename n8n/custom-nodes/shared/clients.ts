import type { IExecuteFunctions } from 'n8n-workflow';
import { createChatwootClient, type ChatwootClient } from '@switchboard/glue/chatwoot';
import { createClaudeClient } from '@switchboard/glue/common';
import {
	createContentReader,
	postgresSnapshotStore,
	type ContentReader,
} from '@switchboard/glue/content';
import { reportAddresses, type ReportAddresses } from '@switchboard/glue/housekeeping';
import {
	sharedLogStorePool,
	type LogStoreConnection,
	type Queryable,
} from '@switchboard/glue/log-store';
import { createMetaClient, type MetaClient } from '@switchboard/glue/meta';

/** The Chatwoot client of the glue library, built from the node's Switchboard Chatwoot API credential. */
export async function chatwootClientFor(context: IExecuteFunctions): Promise<ChatwootClient> {
	const credentials = await context.getCredentials<{
		url: string;
		accessToken: string;
		accountId: number;
	}>('switchboardChatwootApi');
	return createChatwootClient({
		baseUrl: credentials.url.replace(/\/+$/, ''),
		accessToken: credentials.accessToken,
		accountId: Number(credentials.accountId),
	});
}

/** The log store's shared pool, from the node's Switchboard Postgres credential. */
export async function logStorePoolFor(context: IExecuteFunctions): Promise<Queryable> {
	const credentials = await context.getCredentials<LogStoreConnection>('switchboardPostgresApi');
	return sharedLogStorePool(credentials);
}

/** Where the dead-letter report goes and its sender, from the Switchboard Postgres credential. */
export async function reportAddressesFor(context: IExecuteFunctions): Promise<ReportAddresses> {
	return reportAddresses(
		await context.getCredentials<{ operationsEmail?: string; mailFrom?: string }>(
			'switchboardPostgresApi',
		),
	);
}

/** The same pool, typed for the operations that run a transaction (e.g. a stage move). */
export async function logStoreTransactionPoolFor(
	context: IExecuteFunctions,
): Promise<ReturnType<typeof sharedLogStorePool>> {
	const credentials = await context.getCredentials<LogStoreConnection>('switchboardPostgresApi');
	return sharedLogStorePool(credentials);
}

/**
 * The log store's pool when the node has the optional Switchboard Postgres credential set, else
 * null (the Directus nodes then keep their fallbacks in memory only).
 */
export async function optionalLogStorePoolFor(
	context: IExecuteFunctions,
): Promise<Queryable | null> {
	let credentials: LogStoreConnection;
	try {
		credentials = await context.getCredentials<LogStoreConnection>('switchboardPostgresApi');
	} catch {
		return null;
	}
	return sharedLogStorePool(credentials);
}

/** The library's Claude client, from the node's Switchboard Claude API credential. */
export async function claudeClientFor(
	context: IExecuteFunctions,
	options: { maxRetries?: number } = {},
): Promise<ReturnType<typeof createClaudeClient>> {
	const credentials = await context.getCredentials<{ apiKey: string; baseUrl?: string }>(
		'switchboardClaudeApi',
	);
	return createClaudeClient({ ...credentials, ...options });
}

export interface MetaCredential {
	accessToken: string;
	appSecret?: string;
	pageId: string;
	instagramAccountId?: string;
	apiVersion: string;
	baseUrl?: string;
}

/** The library's Graph client and the Page and Instagram account the credential names. */
export async function metaClientFor(
	context: IExecuteFunctions,
): Promise<{ client: MetaClient; credential: MetaCredential }> {
	const credential = await context.getCredentials<MetaCredential>('switchboardMetaGraphApi');
	const client = createMetaClient({
		accessToken: credential.accessToken,
		appSecret: credential.appSecret,
		apiVersion: credential.apiVersion,
		graphBaseUrl: (credential.baseUrl || 'https://graph.facebook.com').replace(/\/+$/, ''),
	});
	return { client, credential };
}

// One reader per Directus and token for the life of the process, so its short cache is shared by
// every execution instead of starting empty each time.
const contentReaders = new Map<string, ContentReader>();

/** URL and token of the node's Switchboard Directus API credential, for the library's writers. */
export async function directusConnectionFor(
	context: IExecuteFunctions,
): Promise<{ url: string; token: string }> {
	const { url, token } = await context.getCredentials<{ url: string; token: string }>(
		'switchboardDirectusApi',
	);
	return { url: url.replace(/\/+$/, ''), token };
}

/**
 * The library's Directus content reader, from the node's Switchboard Directus API credential; with
 * the optional Postgres credential, the last good departments survive a restart while Directus is down.
 */
export async function contentReaderFor(context: IExecuteFunctions): Promise<ContentReader> {
	const { url, token } = await directusConnectionFor(context);
	const pool = await optionalLogStorePoolFor(context);
	const key = JSON.stringify([url, token, pool !== null]);
	let reader = contentReaders.get(key);
	if (!reader) {
		reader = createContentReader({
			url,
			token,
			...(pool ? { snapshots: postgresSnapshotStore(pool, url) } : {}),
		});
		contentReaders.set(key, reader);
	}
	return reader;
}
