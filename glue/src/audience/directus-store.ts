// The broadcast sender's view of Directus (H4's BroadcastStore): a scheduled broadcast becomes a
// plan (one rendered message per recipient, opted-out people left out), and the sender's progress
// goes back to the broadcast record marketing looks at.
import { phoneDigits } from '../broadcasts/model.ts';
import { suppressedAmong, type Queryable } from '../broadcasts/suppressions.ts';
import { parseContentDate } from '../common/zoned-time.ts';
import { toBusinessInfo } from '../content/records.ts';
import type { BusinessInfo } from '../content/schemas.ts';
import { pickTemplate } from '../templates/pick.ts';
import { templateFromRecord } from '../templates/record.ts';
import { renderMessage } from '../templates/render.ts';
import type { Template } from '../templates/model.ts';
import { TemplateError } from '../templates/template-error.ts';
import { resolveAudience, type Audience, type AudienceMember } from './audience.ts';
import { estimateBroadcast, type BroadcastEstimate } from './estimate.ts';
import { optOutKeywordsSchema, optOutWordsFor, type OptOutKeywords } from './opt-out.ts';
import {
	BROADCAST_FIELDS,
	broadcastRecordSchema,
	groupRecordSchema,
	RECIPIENT_FIELDS,
	recipientRecordSchema,
	type BroadcastRecord,
	type BroadcastRecords,
	type GroupRecord,
} from './records.ts';
import { customerServiceWindow, messageForWindow } from './window.ts';
import { BroadcastPlanError } from '../broadcasts/model.ts';
import type {
	BroadcastPlan,
	BroadcastRunStatus,
	BroadcastStore,
	DeliveryCounts,
} from '../broadcasts/model.ts';

export type { BroadcastPlan, BroadcastStore, DeliveryCounts };
export type ReportedStatus = BroadcastRunStatus;

export type PlannedRecipient = BroadcastPlan['recipients'][number];

export interface BroadcastStoreDeps {
	records: BroadcastRecords;
	/** Which of these phones (E.164) the sender suppressed (STOP, 131050). */
	suppressedPhones(phones: readonly string[]): Promise<ReadonlySet<string>>;
	/**
	 * The contacts a group takes from Chatwoot labels or a stage (derivedMembersFromEnv). Without
	 * it, or when it answers null (Chatwoot unreachable for an estimate), such groups are left
	 * uncounted (an estimate says so) and a plan refuses to start.
	 */
	derivedMembers?(group: GroupRecord): Promise<AudienceMember[] | null>;
	/** When each phone last wrote to the number; default: unknown, so the template form goes. */
	lastCustomerMessages?(
		phoneNumberId: string,
		phones: readonly string[],
	): Promise<ReadonlyMap<string, Date>>;
	now?: () => Date;
}

export interface BroadcastContext {
	broadcast: BroadcastRecord;
	business: BusinessInfo;
	phoneNumberIds: string[];
	templates: Template[];
	keywords: OptOutKeywords[];
	audience: Audience;
	startsAt: Date | null;
}

export async function readBroadcast(
	records: BroadcastRecords,
	broadcastId: string,
): Promise<BroadcastRecord | null> {
	const [row] = await records.read('broadcasts', {
		fields: BROADCAST_FIELDS,
		filter: { id: { _eq: broadcastId } },
		limit: 1,
	});
	return row ? broadcastRecordSchema.parse(row) : null;
}

/** Everything a plan, an estimate or the schedule check needs, read once. */
export async function readBroadcastContext(
	deps: BroadcastStoreDeps,
	broadcast: BroadcastRecord,
): Promise<BroadcastContext> {
	const { records } = deps;
	const [businessRows, departmentRows, templateRows, keywordRows] = await Promise.all([
		records.read('business_info', { fields: ['*'], limit: 1 }),
		records.read('departments', {
			fields: ['key', 'phone_number_ids'],
			filter: { key: { _eq: broadcast.department } },
		}),
		records.read('message_templates', {
			fields: ['*'],
			filter: { key: { _eq: broadcast.template_key } },
		}),
		records.read('opt_out_keywords', { fields: ['*'] }),
	]);
	const business = toBusinessInfo({ id: 1, ...businessRows[0] });
	const phoneNumberIds =
		(departmentRows[0]?.phone_number_ids as unknown[] | null | undefined) ?? [];
	const templates = templateRows.flatMap((row) => {
		try {
			return [templateFromRecord(row)];
		} catch (error) {
			// The schedule check names what is wrong with it; a plan just cannot use it.
			if (error instanceof TemplateError) return [];
			throw error;
		}
	});
	const keywords = keywordRows.map((row) => optOutKeywordsSchema.parse(row));
	const audience = await readAudience(deps, broadcast.groups);
	const startsAt = broadcast.scheduled_at
		? parseContentDate(broadcast.scheduled_at, business.timeZone, 'start')
		: null;
	return {
		broadcast,
		business,
		phoneNumberIds: phoneNumberIds.map(String),
		templates,
		keywords,
		audience,
		startsAt: startsAt === null ? null : new Date(startsAt),
	};
}

export async function readAudience(
	deps: BroadcastStoreDeps,
	groupIds: readonly string[],
): Promise<Audience> {
	if (groupIds.length === 0) return { members: [], excluded: 0 };
	const { records } = deps;
	const [links, groups, optedOutRows] = await Promise.all([
		records.read('recipient_groups_recipients', {
			fields: RECIPIENT_FIELDS.map((field) => `recipients_id.${field}`),
			filter: { recipient_groups_id: { _in: groupIds } },
		}),
		records.read('recipient_groups', {
			fields: ['id', 'chatwoot_labels', 'stage'],
			filter: { id: { _in: groupIds } },
		}),
		records.read('recipients', { fields: ['phone'], filter: { opted_out_at: { _nnull: true } } }),
	]);
	const listed = links.flatMap((link) => {
		const parsed = recipientRecordSchema.safeParse(link.recipients_id);
		if (!parsed.success) return [];
		const row = parsed.data;
		return [
			{
				recipientId: row.id,
				phone: row.phone,
				name: row.name ?? null,
				language: row.language ?? null,
				chatwootContactId: row.chatwoot_contact_id ?? null,
				optedOutAt: row.opted_out_at ?? null,
			},
		];
	});
	const derived: AudienceMember[] = [];
	let uncountedGroups = 0;
	for (const group of groups.map((row) => groupRecordSchema.parse(row))) {
		if (!group.chatwoot_labels?.length && !group.stage) continue;
		const found = deps.derivedMembers ? await deps.derivedMembers(group) : null;
		if (found) derived.push(...found);
		else uncountedGroups += 1;
	}
	const phones = [...listed, ...derived].map((member) => member.phone);
	const suppressed = await deps.suppressedPhones(phones);
	const optedOut = new Set(optedOutRows.map((row) => String(row.phone)));
	const audience = resolveAudience({
		listed,
		derived,
		optedOut,
		isSuppressed: (phone) => suppressed.has(phone),
	});
	return uncountedGroups ? { ...audience, uncountedGroups } : audience;
}

export interface PlanResult {
	plan: BroadcastPlan;
	/** Recipients left out because their message could not be filled in, with why. */
	unrendered: { recipientId: string; reason: string }[];
}

/** One message per recipient, in their language, in the form their 24-hour window allows. */
export async function planBroadcast(
	deps: BroadcastStoreDeps,
	context: BroadcastContext,
): Promise<PlanResult> {
	const now = deps.now?.() ?? new Date();
	const phoneNumberId = context.phoneNumberIds[0] ?? '';
	const members = context.audience.members;
	const lastMessages =
		(await deps.lastCustomerMessages?.(
			phoneNumberId,
			members.map((member) => member.phone),
		)) ?? new Map<string, Date>();
	const recipients: PlannedRecipient[] = [];
	const unrendered: PlanResult['unrendered'] = [];
	const key = context.broadcast.template_key;
	for (const member of members) {
		const language = member.language;
		const words = optOutWordsFor(language, context.keywords);
		const templateContext = {
			locale: language ?? 'en',
			timeZone: context.business.timeZone,
			now,
			contact: { name: member.name, phone: member.phone, language },
			business: context.business,
			broadcast: { optOutWord: words.stop, optInWord: words.start },
		};
		try {
			const approved = pickTemplate(context.templates, key, language, {
				channel: 'whatsapp_template',
			});
			const rendered = approved ? renderMessage(approved, templateContext).whatsapp : null;
			const window = customerServiceWindow(lastMessages.get(member.phone) ?? null, now);
			const session = window.open
				? pickTemplate(context.templates, key, language, { channel: 'whatsapp_session' })
				: null;
			const message = messageForWindow(window, {
				template: rendered
					? {
							kind: 'template',
							name: rendered.name,
							language: rendered.languageCode,
							components: rendered.components,
						}
					: null,
				text: session ? renderMessage(session, templateContext).text : null,
			});
			if (message)
				recipients.push({ recipientId: member.recipientId, phone: member.phone, message });
			else {
				unrendered.push({
					recipientId: member.recipientId,
					reason: `no WhatsApp template version of '${key}' for ${language ?? 'en'}`,
				});
			}
		} catch (error) {
			if (!(error instanceof TemplateError)) throw error;
			unrendered.push({ recipientId: member.recipientId, reason: error.message });
		}
	}
	return {
		plan: {
			broadcastId: context.broadcast.id,
			phoneNumberId,
			scheduledAt: context.startsAt ?? now,
			recipients,
		},
		unrendered,
	};
}

export interface EstimateOptions {
	/** The number's messages per second (BROADCAST_RATE_PER_NUMBER). */
	ratePerSecond: number;
	/** The portfolio's 24-hour messaging limit; null: unlimited or unknown. */
	messagingLimit: number | null;
}

export async function estimateFromContext(
	deps: BroadcastStoreDeps,
	context: BroadcastContext,
	options: EstimateOptions,
): Promise<BroadcastEstimate> {
	const now = deps.now?.() ?? new Date();
	const members = context.audience.members;
	const lastMessages =
		(await deps.lastCustomerMessages?.(
			context.phoneNumberIds[0] ?? '',
			members.map((member) => member.phone),
		)) ?? new Map<string, Date>();
	const outsideWindow = members.filter(
		(member) => !customerServiceWindow(lastMessages.get(member.phone) ?? null, now).open,
	).length;
	return estimateBroadcast({
		recipients: members.length,
		excluded: context.audience.excluded,
		ratePerSecond: options.ratePerSecond,
		outsideWindow,
		messagingLimit: options.messagingLimit,
		uncountedGroups: context.audience.uncountedGroups ?? 0,
	});
}

const PLANNABLE = new Set(['scheduled', 'processing']);

/** Counts as the broadcast record shows them: a read message was also delivered and sent. */
export function broadcastCounts(counts: Partial<DeliveryCounts>): Record<string, number> {
	const read = counts.read ?? 0;
	const delivered = (counts.delivered ?? 0) + read;
	return {
		sent_count: (counts.sent ?? 0) + delivered,
		delivered_count: delivered,
		read_count: read,
		failed_count: counts.failed ?? 0,
	};
}

export function createDirectusBroadcastStore(deps: BroadcastStoreDeps): BroadcastStore {
	const now = () => deps.now?.() ?? new Date();
	return {
		async loadPlan(broadcastId) {
			const broadcast = await readBroadcast(deps.records, broadcastId);
			if (!broadcast || !PLANNABLE.has(broadcast.status)) return null;
			const context = await readBroadcastContext(deps, broadcast);
			if (context.audience.uncountedGroups) {
				// Sending to only part of the audience would be wrong and silent: refuse, saying why.
				throw new BroadcastPlanError(
					`${context.audience.uncountedGroups} of its groups are defined by Chatwoot labels or a stage, and the broadcast sender cannot look those contacts up: set CHATWOOT_URL, CHATWOOT_API_TOKEN and CHATWOOT_ACCOUNT_ID for it.`,
				);
			}
			const { plan, unrendered } = await planBroadcast(deps, context);
			await deps.records.update('broadcasts', broadcastId, {
				recipient_count: plan.recipients.length,
				status_note: unrendered.length
					? `${unrendered.length} recipient(s) left out because their message could not be filled in: ${[...new Set(unrendered.map((u) => u.reason))].join('; ')}`
					: null,
			});
			return plan;
		},
		async reportStatus(broadcastId, status, counts, reason) {
			const at = now().toISOString();
			const note =
				status === 'missed'
					? 'The stack was down at its start time, beyond the grace period: set a new time and schedule it again.'
					: reason;
			await deps.records.update('broadcasts', broadcastId, {
				status,
				...broadcastCounts(counts),
				// A paused broadcast has not finished: it resumes when staff set it back to Processing.
				...(status === 'processing'
					? { started_at: at }
					: status === 'paused'
						? {}
						: { finished_at: at }),
				...(note ? { status_note: note } : {}),
			});
		},
	};
}

/** Broadcasts waiting for their time, for the sender to (re)schedule its start jobs on start-up. */
export async function scheduledBroadcasts(
	deps: BroadcastStoreDeps,
): Promise<{ broadcastId: string; startsAt: Date }[]> {
	const rows = await deps.records.read('broadcasts', {
		fields: ['id', 'scheduled_at'],
		filter: { status: { _eq: 'scheduled' } },
	});
	const [business] = await deps.records.read('business_info', { fields: ['time_zone'], limit: 1 });
	const timeZone = String(business?.time_zone ?? 'UTC');
	return rows.flatMap((row) => {
		const at =
			typeof row.scheduled_at === 'string'
				? parseContentDate(row.scheduled_at, timeZone, 'start')
				: null;
		return at === null ? [] : [{ broadcastId: String(row.id), startsAt: new Date(at) }];
	});
}

/** The sender's suppression list as BroadcastStoreDeps wants it. */
export function suppressedPhonesIn(
	pool: Queryable,
): (phones: readonly string[]) => Promise<ReadonlySet<string>> {
	// One query for the whole audience; the table keys phones by their digits.
	return async (phones) => {
		const suppressed = await suppressedAmong(pool, phones);
		return new Set(phones.filter((phone) => suppressed.has(phoneDigits(phone))));
	};
}

/**
 * When each phone (E.164) last wrote to the business number, as BroadcastStoreDeps wants it: the
 * customer messages the gateway's Meta route stored (sb_meta_events), one query for the audience.
 * Only the customer's messages open the 24-hour window (reference/meta.md §3.7).
 */
export function lastCustomerMessagesIn(
	pool: Queryable,
): NonNullable<BroadcastStoreDeps['lastCustomerMessages']> {
	return async (phoneNumberId, phones) =>
		lastMessagesFrom(phones, (digits) =>
			pool
				.query<{ contact: string; at: Date }>(LAST_CUSTOMER_MESSAGES, [phoneNumberId, digits])
				.then((result) => result.rows),
		);
}

export const LAST_CUSTOMER_MESSAGES = `select contact, max(received_at) as at from sb_meta_events
	where kind = 'message' and phone_number_id = $1 and contact = any($2::text[])
	group by contact`;

/** Digits in, "+digits" → time out; shared by the sender's pool and Directus's knex. */
export async function lastMessagesFrom(
	phones: readonly string[],
	query: (digits: string[]) => Promise<{ contact: string; at: Date | string }[]>,
): Promise<ReadonlyMap<string, Date>> {
	if (phones.length === 0) return new Map();
	const rows = await query([...new Set(phones.map(phoneDigits))]);
	return new Map(rows.map((row) => [`+${row.contact}`, new Date(row.at)]));
}
