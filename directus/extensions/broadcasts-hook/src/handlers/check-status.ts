// Filter hooks on broadcasts: refuse a status change the flow does not allow, and a broadcast that
// cannot be scheduled, with an InvalidPayloadError that names each problem in marketing's words.
import { InvalidPayloadError } from '@directus/errors';
import type { EventContext, HookExtensionContext, PrimaryKey } from '@directus/types';
import {
	BROADCAST_STATUSES,
	broadcastRecordSchema,
	broadcastSettingsFromEnv,
	derivedMembersFromEnv,
	estimateFromContext,
	estimateText,
	itemsServiceBroadcastRecords,
	lastCustomerMessagesVia,
	queryableVia,
	readBroadcast,
	readBroadcastContext,
	scheduleProblems,
	statusChangeProblem,
	suppressedPhonesVia,
	type BroadcastRecord,
	type BroadcastStatus,
	type ItemsServiceLike,
} from '@switchboard/glue/audience';
import { existingGroupIds } from '../utils/existing-group-ids.ts';

export type BroadcastPayload = Record<string, unknown>;

const isStatus = (value: unknown): value is BroadcastStatus =>
	typeof value === 'string' && (BROADCAST_STATUSES as readonly string[]).includes(value);

export async function checkCreate(
	payload: BroadcastPayload,
	event: EventContext,
	context: HookExtensionContext,
): Promise<BroadcastPayload> {
	const status = payload.status ?? 'draft';
	if (status === 'draft') return payload;
	if (status !== 'scheduled') {
		throw new InvalidPayloadError({ reason: 'A new broadcast starts as Draft or Scheduled.' });
	}
	// Scheduled at once: the same checks as Draft → Scheduled, on groups that already exist (the
	// check counts their saved recipients; a group created in the same save has none yet).
	const groups = existingGroupIds(payload.groups);
	if (groups === null) {
		throw new InvalidPayloadError({
			reason:
				'A broadcast scheduled as it is created can only use groups that are already saved: save the new group first, or save the broadcast as Draft.',
		});
	}
	const record = broadcastRecordSchema.parse({
		...withoutGroups(payload),
		id: 'new',
		status: 'scheduled',
		groups: groups.map((id) => ({ recipient_groups_id: id })),
	});
	return Object.assign(payload, await checkSchedulable(record, event, context));
}

export async function checkUpdate(
	payload: BroadcastPayload,
	keys: readonly PrimaryKey[],
	event: EventContext,
	context: HookExtensionContext,
): Promise<BroadcastPayload> {
	if (!('status' in payload) && !('scheduled_at' in payload)) return payload;
	const records = await recordsFor(event, context);
	for (const key of keys) {
		const saved = await readBroadcast(records, String(key));
		if (!saved) continue;
		const to = payload.status ?? saved.status;
		if (!isStatus(to))
			throw new InvalidPayloadError({ reason: `"${String(to)}" is not a broadcast status.` });
		const problem = statusChangeProblem(saved.status, to);
		if (problem) throw new InvalidPayloadError({ reason: problem });
		if (to !== 'scheduled') continue;
		const merged = broadcastRecordSchema.parse({
			...saved,
			...withoutGroups(payload),
			groups: rawGroups(saved),
		});
		const extra = await checkSchedulable(merged, event, context);
		if (keys.length === 1) Object.assign(payload, extra);
	}
	return payload;
}

async function checkSchedulable(
	broadcast: BroadcastRecord,
	event: EventContext,
	context: HookExtensionContext,
): Promise<BroadcastPayload> {
	const records = await recordsFor(event, context);
	const database = event.database ?? context.database;
	const deps = {
		records,
		suppressedPhones: suppressedPhonesVia(database),
		// The estimate counts only who is outside the 24-hour window against the messaging limit.
		lastCustomerMessages: lastCustomerMessagesVia(database),
		// Label- and stage-defined groups, counted as the sender will plan them (when Directus has
		// CHATWOOT_URL and CHATWOOT_API_TOKEN, and Chatwoot answers; otherwise the estimate says
		// they are not counted, and the save is not refused for it).
		derivedMembers: derivedMembersFromEnv(context.env, queryableVia(database), { estimate: true }),
	};
	const broadcastContext = await readBroadcastContext(deps, broadcast);
	const estimate = await estimateFromContext(
		deps,
		broadcastContext,
		broadcastSettingsFromEnv(context.env, broadcastContext.phoneNumberIds[0]),
	);
	const approvedRows = await records.read('whatsapp_approved_templates', { fields: ['*'] });
	const templates = await records.read('message_templates', {
		fields: ['*'],
		filter: { key: { _eq: broadcast.template_key } },
	});
	const approved = new Map(
		templates.map((row) => [
			String(row.id),
			approvedRows.find(
				(a) => a.name === row.whatsapp_template_name && a.language === row.whatsapp_language_code,
			),
		]),
	);
	const problems = scheduleProblems({
		templateKey: broadcast.template_key,
		templates,
		approved,
		phoneNumberIds: broadcastContext.phoneNumberIds,
		groupCount: broadcast.groups.length,
		startsAt: broadcastContext.startsAt,
		now: new Date(),
		estimate,
	});
	if (problems.length) {
		throw new InvalidPayloadError({ reason: `It cannot be scheduled yet: ${problems.join(' ')}` });
	}
	return { estimate, status_note: estimateText(estimate) };
}

async function recordsFor(event: EventContext, context: HookExtensionContext) {
	// Filter events carry the schema; read it only when one does not.
	const schema = event.schema ?? (await context.getSchema());
	// The checks read what the sender will read (recipients, suppressions), whoever saves: the
	// marketing role's permissions decide what may be saved, not what is checked.
	return itemsServiceBroadcastRecords(
		(collection) =>
			new context.services.ItemsService(collection, {
				schema,
				knex: event.database ?? context.database,
			}) as unknown as ItemsServiceLike,
	);
}

function withoutGroups(payload: BroadcastPayload): BroadcastPayload {
	return Object.fromEntries(Object.entries(payload).filter(([field]) => field !== 'groups'));
}

function rawGroups(saved: BroadcastRecord): { recipient_groups_id: string }[] {
	return saved.groups.map((id) => ({ recipient_groups_id: id }));
}
