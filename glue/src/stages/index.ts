// Contact lifecycle stages: the one table of moves, the rule that turns the triage's proposal into
// a move, the append-only history in the log store, and the mirror to a Chatwoot contact attribute.
// Imported as @switchboard/glue/stages.

// The lifecycle.
export {
	ALLOWED_MOVES,
	assertMove,
	canMove,
	INITIAL_STAGE,
	isStage,
	OPEN_STAGES,
	STAGE_ACTORS,
	stageActorSchema,
	stageRank,
	STAGES,
	stageSchema,
	type Stage,
	type StageActor,
} from './lifecycle.ts';

// Who may move: the triage's proposal, decided by a rule.
export {
	decideTriageProposal,
	KEEP_REASONS,
	NOT_FROM_TRIAGE,
	type KeepReason,
	type TriageProposal,
	type TriageStageDecision,
} from './triage-rule.ts';

// The history and the current stage, in the log store.
export {
	applyTriageProposal,
	contactStage,
	isOwnMove,
	moveStage,
	recordAgentStageChange,
	stageHistory,
	type AgentChangeOutcome,
	type MoveResult,
	type StagePool,
	type StageQueryable,
	type TriageStageResult,
} from './repository.ts';
export type { CurrentStage, MoveInput, StageTransition, TriageProposalInput } from './schemas.ts';

// Chatwoot: the mirror and an agent's change coming back.
export { mirrorStage, STAGE_ATTRIBUTE_KEY, type StageMirrorContacts } from './mirror.ts';
export {
	StageMirror,
	type StageMirrorDeps,
	type StageMirrorLogger,
	type StageMirrorResult,
} from './mirror-loop.ts';
export { isContactUpdated, readStageChange, type StageAttributeChange } from './contact-update.ts';

// What a failed call throws.
export { StageError } from './stage-error.ts';
export { StageInputError, type StageInputIssue } from './stage-input-error.ts';
export { StageMoveError } from './stage-move-error.ts';
