// What the stages take and give: zod schemas at the boundary, types inferred beside them.
import { inputIssues } from '../common/input-issues.ts';
import { z } from 'zod/v4';
import { INITIAL_STAGE, stageActorSchema, stageSchema } from './lifecycle.ts';
import { StageInputError } from './stage-input-error.ts';

const dbNumber = z.coerce.number();
const positiveId = z.int().positive();

export const contactKeySchema = z.object({
	accountId: positiveId,
	contactId: positiveId,
});

export const moveInputSchema = contactKeySchema.extend({
	to: stageSchema,
	by: stageActorSchema,
	/** Why, in a sentence staff can read on the dashboard. */
	why: z.string().trim().max(1000).nullable().default(null),
	conversationId: positiveId.nullable().default(null),
	/** Only for a move Claude proposed. */
	confidence: z.number().min(0).max(1).nullable().default(null),
	/** When it happened; the database's clock when omitted. */
	at: z.date().optional(),
});
export type MoveInput = z.input<typeof moveInputSchema>;

export const triageProposalInputSchema = contactKeySchema.extend({
	conversationId: positiveId.nullable().default(null),
	proposed: stageSchema.nullable(),
	confidence: z.number().min(0).max(1),
	threshold: z.number().min(0).max(1),
	source: z.enum(['claude', 'fallback']),
	at: z.date().optional(),
});
export type TriageProposalInput = z.input<typeof triageProposalInputSchema>;

export const transitionSchema = z.object({
	id: dbNumber,
	accountId: dbNumber,
	contactId: dbNumber,
	conversationId: dbNumber.nullable(),
	from: stageSchema,
	to: stageSchema,
	by: stageActorSchema,
	why: z.string().nullable(),
	confidence: z.number().nullable(),
	at: z.date(),
});
export type StageTransition = z.infer<typeof transitionSchema>;

export const currentStageRowSchema = z.object({
	stage: stageSchema,
	since: z.date(),
	lastTransitionId: dbNumber.nullable(),
});

/** Where a contact is; `since` is null for a contact no move has touched yet. */
export interface CurrentStage {
	stage: z.infer<typeof stageSchema>;
	since: Date | null;
}

export const UNSEEN_CONTACT: CurrentStage = { stage: INITIAL_STAGE, since: null };

export function parseStageInput<S extends z.ZodType>(
	schema: S,
	input: unknown,
	operation: string,
): z.output<S> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	throw new StageInputError({
		operation,
		issues: inputIssues(result.error),
	});
}
