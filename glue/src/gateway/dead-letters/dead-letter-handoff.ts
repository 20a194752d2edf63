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
import { deadLetterNote } from './dead-letter-note.ts';
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
	const department = await departmentOf(deps, batch);
	await handOffConversation(deps.chatwoot, {
		conversationId: batch.conversationId,
		note: deadLetterNote({
			ledgerIds,
			attempts: Math.max(...batch.events.map((event) => event.attempts)),
			lastError,
		}),
		labels: department ? [HANDOFF_LABEL, departmentLabel(department.key)] : [HANDOFF_LABEL],
		teamId: department?.chatwootTeamId ?? null,
	});
	await markHandedOff(deps.db, ledgerIds);
	return {
		status: 'handed_off',
		ledgerIds,
		department: department?.key ?? null,
		teamId: department?.chatwootTeamId ?? null,
	};
}

/** The receiving inbox's department, or null (no inbox, no departments, Directus down). */
async function departmentOf(
	deps: DeadLetterHandoffDeps,
	batch: LeasedBatch,
): Promise<Department | null> {
	const inboxId = batch.events.findLast((event) => event.inboxId !== null)?.inboxId ?? null;
	if (inboxId === null || !deps.departments) return null;
	try {
		return resolveDepartment(await deps.departments(), { by: 'inbox_id', value: inboxId });
	} catch (error) {
		deps.logger.warn('gateway: dead letter handed off without a team', {
			conversationId: batch.conversationId,
			inboxId,
			...errorFields(error),
		});
		return null;
	}
}
