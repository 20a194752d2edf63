// No customer message may end without a reply or a person: when the forwarder gives up on a batch,
// the conversation goes to the department's team with a private note saying why, and the batch's
// triage claim is released. Once per inbound event: a second dead-letter pass (a replay that failed
// again) finds the events handled and does nothing.
import { AI_HANDOFF_LABEL } from '../../chatwoot/handoff-labels.ts';
import { departmentLabel, handOffConversation } from '../../chatwoot/handoff.ts';
import type { ChatwootClient } from '../../chatwoot/client.ts';
import type { Department } from '../../content/schemas.ts';
import type { LeasedBatch } from '../../log-store/ledger-queue.ts';
import type { Queryable } from '../../log-store/repository.ts';
import { resolveDepartment } from '../../routing/resolve-department.ts';
import { errorFields, type GatewayLogger } from '../common/logger.ts';
import { isOptOutOnly } from '../forwarder/forward.model.ts';
import { deadLetterNote, optOutDeadLetterNote } from './dead-letter-note.ts';
import { markHandedOff, unhandledEvents } from './dead-letter.repository.ts';

/** The label every hand-off by the bot carries (chatwoot/config creates it). */
const HANDOFF_LABEL = AI_HANDOFF_LABEL;

export interface DeadLetterHandoffDeps {
	db: Queryable;
	chatwoot: ChatwootClient;
	logger: GatewayLogger;
	/** The departments (Directus), for the inbox's team; without it the hand-off has no team. */
	departments?: () => Promise<Department[]>;
}

export type DeadLetterHandoff =
	| { status: 'handed_off'; ledgerIds: number[]; department: string | null; teamId: number | null }
	| { status: 'already_handled' }
	| { status: 'other_account' };

export async function handOffDeadLetter(
	deps: DeadLetterHandoffDeps,
	batch: LeasedBatch,
	lastError: string,
): Promise<DeadLetterHandoff> {
	if (batch.accountId !== deps.chatwoot.accountId) return { status: 'other_account' };
	const ledgerIds = await unhandledEvents(
		deps.db,
		batch.events.map((event) => event.id),
	);
	if (ledgerIds.length === 0) return { status: 'already_handled' };
	const facts = {
		ledgerIds,
		attempts: Math.max(...batch.events.map((event) => event.attempts)),
		lastError,
	};
	if (batch.events.every(isOptOutOnly)) {
		// A person already has the conversation: a note only, no team or label that could take it away.
		await handOffConversation(deps.chatwoot, {
			conversationId: batch.conversationId,
			note: optOutDeadLetterNote(facts),
		});
		await markHandedOff(deps.db, ledgerIds);
		return { status: 'handed_off', ledgerIds, department: null, teamId: null };
	}
	const routed = await handOffToInboxTeam(deps, {
		conversationId: batch.conversationId,
		inboxId: batch.events.findLast((event) => event.inboxId !== null)?.inboxId ?? null,
		note: deadLetterNote(facts),
	});
	await markHandedOff(deps.db, ledgerIds);
	return { status: 'handed_off', ledgerIds, ...routed };
}

/**
 * The gateway's own hand-off, when the bot could not deal with a conversation (a dead letter, a
 * customer left waiting too long): the note, the hand-off label and the receiving inbox's
 * department label and team, status open. Without a department (no inbox, Directus down) it still
 * hands off, to nobody's team.
 */
export async function handOffToInboxTeam(
	deps: Omit<DeadLetterHandoffDeps, 'db'>,
	input: { conversationId: number; inboxId: number | null; note: string },
): Promise<{ department: string | null; teamId: number | null }> {
	const department = await departmentOf(deps, input.conversationId, input.inboxId);
	await handOffConversation(deps.chatwoot, {
		conversationId: input.conversationId,
		note: input.note,
		labels: department ? [HANDOFF_LABEL, departmentLabel(department.key)] : [HANDOFF_LABEL],
		teamId: department?.chatwootTeamId ?? null,
	});
	return { department: department?.key ?? null, teamId: department?.chatwootTeamId ?? null };
}

/** The receiving inbox's department, or null (no inbox, no departments, Directus down). */
async function departmentOf(
	deps: Omit<DeadLetterHandoffDeps, 'db'>,
	conversationId: number,
	inboxId: number | null,
): Promise<Department | null> {
	if (inboxId === null || !deps.departments) return null;
	try {
		return resolveDepartment(await deps.departments(), { by: 'inbox_id', value: inboxId });
	} catch (error) {
		deps.logger.warn('gateway: dead letter handed off without a team', {
			conversationId,
			inboxId,
			...errorFields(error),
		});
		return null;
	}
}
