// The contacts a recipient group takes from Chatwoot labels or a stage (the store's derivedMembers):
// a label lives on Chatwoot conversations, so a label resolves to the contacts of every conversation
// carrying it (any of the group's labels); a stage lives in our log store (sb_contact_stages), so
// a stage resolves to the contacts there, each one's phone read from Chatwoot, which owns contacts.
import type { Queryable } from '../broadcasts/suppressions.ts';
import { createChatwootClient } from '../chatwoot/client.ts';
import type { ContactsResource } from '../chatwoot/resource-contacts.ts';
import type { ConversationsResource } from '../chatwoot/resource-conversations.ts';
import {
	ChatwootApiError,
	ChatwootNotFoundError,
	ChatwootResponseError,
	ChatwootUnreachableError,
} from '../chatwoot/errors.ts';
import type { Contact } from '../chatwoot/schemas-contact.ts';
import { e164, type AudienceMember } from './audience.ts';
import type { GroupRecord } from './records.ts';

export interface DerivedMembersDeps {
	/** glue's Chatwoot client, with a token that may list conversations and read contacts. */
	chatwoot: {
		conversations: Pick<ConversationsResource, 'list'>;
		contacts: Pick<ContactsResource, 'get'>;
	};
	/** The Chatwoot account the stages are kept for. */
	accountId: number;
	/** The log store (sb_contact_stages). */
	pool: Queryable;
	/** Contacts read from Chatwoot side by side for a stage; default 8. */
	concurrency?: number;
}

/** Chatwoot's conversations page size (CONVERSATION_RESULTS_PER_PAGE): a shorter page is the last. */
const PAGE = 25;

function memberOf(contact: Contact, language: string | null): AudienceMember | null {
	const phone = e164(contact.phone_number);
	if (phone === null) return null;
	return {
		recipientId: `contact:${contact.id}`,
		phone,
		name: contact.name,
		language,
		chatwootContactId: contact.id,
	};
}

export function chatwootDerivedMembers(
	deps: DerivedMembersDeps,
): (group: GroupRecord) => Promise<AudienceMember[]> {
	async function byLabels(labels: string[]): Promise<AudienceMember[]> {
		const members: AudienceMember[] = [];
		for (let page = 1; ; page += 1) {
			const { payload } = await deps.chatwoot.conversations.list({ status: 'all', labels, page });
			for (const conversation of payload) {
				const language = conversation.additional_attributes.conversation_language;
				const member = memberOf(
					conversation.meta.sender,
					typeof language === 'string' && language ? language : null,
				);
				if (member) members.push(member);
			}
			if (payload.length < PAGE) return members;
		}
	}

	async function byStage(stage: string): Promise<AudienceMember[]> {
		const { rows } = await deps.pool.query<{ contact_id: string }>(
			'select contact_id from sb_contact_stages where account_id = $1 and stage = $2 order by contact_id',
			[deps.accountId, stage],
		);
		const ids = rows.map((row) => Number(row.contact_id));
		const members: (AudienceMember | null)[] = new Array(ids.length).fill(null);
		let next = 0;
		const worker = async () => {
			for (let i = next++; i < ids.length; i = next++) {
				try {
					members[i] = memberOf(await deps.chatwoot.contacts.get(ids[i] as number), null);
				} catch (error) {
					// Deleted in Chatwoot since the stage was recorded: nobody to message.
					if (!(error instanceof ChatwootNotFoundError)) throw error;
				}
			}
		};
		await Promise.all(Array.from({ length: Math.min(deps.concurrency ?? 8, ids.length) }, worker));
		return members.filter((member): member is AudienceMember => member !== null);
	}

	return async (group) => [
		...(group.chatwoot_labels?.length ? await byLabels(group.chatwoot_labels) : []),
		...(group.stage ? await byStage(group.stage) : []),
	];
}

export interface DerivedMembersFromEnvOptions {
	/**
	 * For an estimate (Directus, while staff save): one try with a short timeout, and a Chatwoot
	 * that fails answers null, so the group shows as not counted instead of failing the save. The
	 * sender leaves it off: a plan must never start with part of its audience.
	 */
	estimate?: boolean;
}

/**
 * The label and stage lookup from CHATWOOT_URL, CHATWOOT_API_TOKEN and CHATWOOT_ACCOUNT_ID (1 by
 * default), or undefined when they are not set. The broadcast sender plans with it and Directus's
 * estimate and schedule check count with it, so marketing sees the audience the sender will reach.
 */
export function derivedMembersFromEnv(
	env: Readonly<Record<string, unknown>>,
	pool: Queryable,
	options: DerivedMembersFromEnvOptions = {},
): ((group: GroupRecord) => Promise<AudienceMember[] | null>) | undefined {
	const baseUrl = String(env.CHATWOOT_URL ?? '');
	const accessToken = String(env.CHATWOOT_API_TOKEN ?? '');
	if (!baseUrl || !accessToken) return undefined;
	const accountId = Number(env.CHATWOOT_ACCOUNT_ID ?? 1);
	const members = chatwootDerivedMembers({
		chatwoot: createChatwootClient({
			baseUrl,
			accessToken,
			accountId,
			...(options.estimate ? { retries: 0, timeoutMs: 5_000 } : {}),
		}),
		accountId,
		pool,
	});
	if (!options.estimate) return members;
	return async (group) => {
		try {
			return await members(group);
		} catch (error) {
			const chatwootFailed =
				error instanceof ChatwootUnreachableError ||
				error instanceof ChatwootApiError ||
				error instanceof ChatwootResponseError;
			if (chatwootFailed) return null;
			throw error;
		}
	};
}
