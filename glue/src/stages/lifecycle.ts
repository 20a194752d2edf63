// A contact's lifecycle stage and the one table of moves between stages. Everything that moves a
// stage (the triage rule, a booking, an agent in Chatwoot, an operator's workflow) goes through
// `assertMove`, so no path can put a contact somewhere the table does not allow.
import { z } from 'zod/v4';
import { StageMoveError } from './stage-move-error.ts';

/** In lifecycle order; `lost` stands aside: reachable from any open stage and reopenable. */
export const STAGES = ['new', 'engaged', 'qualified', 'booked', 'customer', 'lost'] as const;
export const stageSchema = z.enum(STAGES);
export type Stage = z.infer<typeof stageSchema>;

/** Where a contact is before anything moved it. */
export const INITIAL_STAGE: Stage = 'new';

/** Still in play: can be lost. `customer` is won and `lost` is lost: both are closed. */
export const OPEN_STAGES: readonly Stage[] = ['new', 'engaged', 'qualified', 'booked'];

/** Who moved a contact: the triage's proposal, a rule of ours, an agent in Chatwoot, a workflow. */
export const STAGE_ACTORS = ['triage', 'rule', 'agent', 'workflow'] as const;
export const stageActorSchema = z.enum(STAGE_ACTORS);
export type StageActor = z.infer<typeof stageActorSchema>;

/**
 * The allowed moves, from → to. Forward along the line, skipping is fine (a first message can be a
 * booking). Back only where life goes back: a cancelled booking returns to `qualified`, an agent
 * may correct `qualified` to `engaged`. Nobody becomes `new` again, and `customer` is final.
 * `lost` reopens to any stage but `new`: the contact spoke to us before.
 */
export const ALLOWED_MOVES: Readonly<Record<Stage, readonly Stage[]>> = {
	new: ['engaged', 'qualified', 'booked', 'customer', 'lost'],
	engaged: ['qualified', 'booked', 'customer', 'lost'],
	qualified: ['engaged', 'booked', 'customer', 'lost'],
	booked: ['qualified', 'customer', 'lost'],
	customer: [],
	lost: ['engaged', 'qualified', 'booked', 'customer'],
};

export function isStage(value: unknown): value is Stage {
	return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

export function canMove(from: Stage, to: Stage): boolean {
	return ALLOWED_MOVES[from].includes(to);
}

/** Throws StageMoveError naming the move and where `from` may go instead. */
export function assertMove(from: Stage, to: Stage): void {
	if (!canMove(from, to)) throw new StageMoveError({ from, to, allowed: ALLOWED_MOVES[from] });
}

/** Position on the line new → customer; `lost` has none (it is not ahead of or behind anything). */
export function stageRank(stage: Stage): number | null {
	const rank = STAGES.indexOf(stage);
	return stage === 'lost' ? null : rank;
}
