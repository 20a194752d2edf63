// The broadcast the caller asked about, read with their permissions (so they see only what they may),
// and everything its estimate needs, read with Directus's own: the sender sees every recipient.
// Groups defined by Chatwoot labels or a stage are looked up as the sender does, when Directus has
// CHATWOOT_URL, CHATWOOT_API_TOKEN and CHATWOOT_ACCOUNT_ID.
import { ForbiddenError } from '@directus/errors';
import type { Accountability, EndpointExtensionContext, SchemaOverview } from '@directus/types';
import {
	derivedMembersFromEnv,
	itemsServiceBroadcastRecords,
	lastCustomerMessagesVia,
	queryableVia,
	readBroadcast,
	readBroadcastContext,
	suppressedPhonesVia,
	type BroadcastContext,
	type BroadcastStoreDeps,
	type ItemsServiceLike,
} from '@switchboard/glue/audience';
import type { Request } from 'express';

export type DirectusRequest = Request & {
	accountability?: Accountability | null;
	schema?: SchemaOverview;
};

/** What both the endpoint and the flow operation (broadcasts-operation) get from Directus. */
export type DirectusServices = Pick<
	EndpointExtensionContext,
	'services' | 'database' | 'getSchema' | 'env'
>;

export function broadcastContextFor(
	req: DirectusRequest,
	context: EndpointExtensionContext,
): Promise<{ deps: BroadcastStoreDeps; broadcast: BroadcastContext }> {
	return broadcastContextAs(req.accountability ?? null, String(req.params.id), context, req.schema);
}

export async function broadcastContextAs(
	accountability: Accountability | null,
	id: string,
	context: DirectusServices,
	knownSchema?: SchemaOverview,
): Promise<{ deps: BroadcastStoreDeps; broadcast: BroadcastContext }> {
	if (!accountability?.user) throw new ForbiddenError();
	const schema = knownSchema ?? (await context.getSchema());
	const records = (as: Accountability | null) =>
		itemsServiceBroadcastRecords(
			(collection) =>
				new context.services.ItemsService(collection, {
					schema,
					knex: context.database,
					accountability: as,
				}) as unknown as ItemsServiceLike,
		);
	const readable = await readBroadcast(records(accountability), id);
	if (!readable) throw new ForbiddenError();
	// What the sender's plan uses (sender-main.ts), so the estimate counts whom it will reach: the
	// contacts of label- and stage-defined groups, and the 24-hour windows.
	const deps: BroadcastStoreDeps = {
		records: records(null),
		suppressedPhones: suppressedPhonesVia(context.database),
		lastCustomerMessages: lastCustomerMessagesVia(context.database),
		derivedMembers: derivedMembersFromEnv(context.env, queryableVia(context.database), {
			estimate: true,
		}),
	};
	return { deps, broadcast: await readBroadcastContext(deps, readable) };
}
