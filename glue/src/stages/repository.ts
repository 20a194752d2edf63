// The stages in the log store: read where a contact is, move it (checked against the lifecycle
// table, appended to the history), read its path. Moves run in a transaction holding the
// contact's row, so two moves of one contact never both start from the same stage.
import type { PoolClient } from 'pg';
import { withTransaction, type TransactionPool } from '../log-store/ledger-queue.ts';
import type { Queryable } from '../log-store/repository.ts';
import { assertMove, isStage, stageRank, type Stage } from './lifecycle.ts';
import * as queries from './queries.ts';
import {
	contactKeySchema,
	currentStageRowSchema,
	moveInputSchema,
	parseStageInput,
	transitionSchema,
	triageProposalInputSchema,
	UNSEEN_CONTACT,
	type CurrentStage,
	type MoveInput,
	type StageTransition,
	type TriageProposalInput,
} from './schemas.ts';
import { StageMoveError } from './stage-move-error.ts';
import { decideTriageProposal, type TriageStageDecision } from './triage-rule.ts';

/** What the reads need from pg: the log store's query runner (a Pool, a PoolClient, a Client). */
export type StageQueryable = Queryable;

/** What the moves need: a pg.Pool (they take a client for their transaction). */
export type StagePool = Queryable & TransactionPool;

async function run(db: StageQueryable, query: queries.Query): Promise<unknown[]> {
	return (await db.query(query.text, query.values)).rows;
}

/** `new` (since null) for a contact nothing has moved yet. */
export async function contactStage(
	db: StageQueryable,
	key: queries.ContactKey,
): Promise<CurrentStage> {
	const parsed = parseStageInput(contactKeySchema, key, 'contactStage');
	const [row] = await run(db, queries.selectCurrentStage(parsed));
	if (!row) return UNSEEN_CONTACT;
	const { stage, since } = currentStageRowSchema.parse(row);
	return { stage, since };
}

/** The contact's moves, oldest first (the newest `limit` of them). */
export async function stageHistory(
	db: StageQueryable,
	key: queries.ContactKey,
	limit = 100,
): Promise<StageTransition[]> {
	const parsed = parseStageInput(contactKeySchema, key, 'stageHistory');
	const rows = await run(db, queries.selectHistory(parsed, Math.max(1, Math.min(limit, 1000))));
	return rows.map((row) => transitionSchema.parse(row));
}

async function lockedStage(client: PoolClient, key: queries.ContactKey): Promise<Stage> {
	await run(client, queries.insertNewContact(key));
	const [row] = await run(client, queries.lockCurrentStage(key));
	return currentStageRowSchema.parse(row).stage;
}

async function appendMove(
	client: PoolClient,
	row: Omit<queries.TransitionRow, 'at'> & { at?: Date | undefined },
): Promise<StageTransition> {
	const at = row.at ?? new Date();
	const [inserted] = await run(client, queries.insertTransition({ ...row, at }));
	const transition = transitionSchema.parse(inserted);
	await run(
		client,
		queries.updateCurrentStage(row, {
			to: row.to,
			at: transition.at,
			transitionId: transition.id,
			reachedUpTo: stageRank(row.to),
		}),
	);
	return transition;
}

export type MoveResult =
	| { moved: true; stage: Stage; transition: StageTransition }
	| { moved: false; stage: Stage };

/**
 * Moves a contact to `to`, recording who and why. Moving to the stage it is in changes nothing;
 * a move the lifecycle table does not allow throws StageMoveError and records nothing.
 */
export async function moveStage(pool: StagePool, input: MoveInput): Promise<MoveResult> {
	const move = parseStageInput(moveInputSchema, input, 'moveStage');
	return await withTransaction(pool, async (client) => {
		const from = await lockedStage(client, move);
		if (from === move.to) return { moved: false, stage: from };
		assertMove(from, move.to);
		const transition = await appendMove(client, { ...move, from });
		return { moved: true, stage: move.to, transition };
	});
}

export interface TriageStageResult {
	decision: TriageStageDecision;
	/** Where the contact is after this. */
	stage: Stage;
	/** Set when the proposal moved the contact. */
	transition: StageTransition | null;
}

/**
 * Applies the triage rule to Claude's proposal for a contact and records the move it allows. A
 * contact seen for the first time gets its `new` row either way, so the funnel counts it.
 */
export async function applyTriageProposal(
	pool: StagePool,
	input: TriageProposalInput,
): Promise<TriageStageResult> {
	const proposal = parseStageInput(triageProposalInputSchema, input, 'applyTriageProposal');
	return await withTransaction(pool, async (client) => {
		const current = await lockedStage(client, proposal);
		const decision = decideTriageProposal({ ...proposal, current });
		if (!decision.move) return { decision, stage: current, transition: null };
		const transition = await appendMove(client, {
			...proposal,
			from: current,
			to: decision.to,
			by: 'triage',
			why: decision.why,
			confidence: proposal.confidence,
		});
		return { decision, stage: decision.to, transition };
	});
}

/** Whether the log holds exactly this move made by us (triage, rule, workflow), not by an agent. */
export async function isOwnMove(
	db: StageQueryable,
	key: queries.ContactKey,
	move: { from: Stage; to: Stage },
): Promise<boolean> {
	const parsed = parseStageInput(contactKeySchema, key, 'isOwnMove');
	return (await run(db, queries.selectOwnMove(parsed, move.from, move.to))).length > 0;
}

export type AgentChangeOutcome =
	| { kind: 'recorded'; stage: Stage; transition: StageTransition }
	/** Nothing to record: not a stage, already the stage, or Chatwoot echoing one of our writes. */
	| { kind: 'ignored'; reason: 'not_a_stage' | 'unchanged' | 'own_echo'; stage: Stage }
	/** The lifecycle forbids it: nothing recorded; the mirror puts Chatwoot back to `stage`. */
	| { kind: 'refused'; stage: Stage; error: StageMoveError };

/**
 * Records an agent's change of the stage attribute in Chatwoot. Our own mirror writes come back
 * as contact_updated too: one that shows the log's current stage changes nothing, and a late one
 * (the log moved on meanwhile) is exactly a move the log holds from us, so it is not an agent's.
 */
export async function recordAgentStageChange(
	pool: StagePool,
	change: { accountId: number; contactId: number; previous: Stage | null; current: unknown },
): Promise<AgentChangeOutcome> {
	const key = parseStageInput(contactKeySchema, change, 'recordAgentStageChange');
	return await withTransaction(pool, async (client) => {
		const current = await lockedStage(client, key);
		const to = change.current;
		// Whatever Chatwoot shows now that differs from the log, the mirror will put right.
		const shows = (value: string | null) => run(client, queries.setMirrored(key, value));
		if (!isStage(to)) {
			await shows(null);
			return { kind: 'ignored', reason: 'not_a_stage', stage: current };
		}
		if (to === current) {
			await shows(to);
			return { kind: 'ignored', reason: 'unchanged', stage: current };
		}
		if (
			change.previous !== null &&
			change.previous !== current &&
			(await isOwnMove(client, key, { from: change.previous, to }))
		) {
			return { kind: 'ignored', reason: 'own_echo', stage: current };
		}
		try {
			assertMove(current, to);
		} catch (error) {
			if (!(error instanceof StageMoveError)) throw error;
			await shows(to);
			return { kind: 'refused', stage: current, error };
		}
		await shows(to);
		const transition = await appendMove(client, {
			...key,
			conversationId: null,
			from: current,
			to,
			by: 'agent',
			why: 'changed by an agent in Chatwoot',
			confidence: null,
			at: undefined,
		});
		return { kind: 'recorded', stage: to, transition };
	});
}
