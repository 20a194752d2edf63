// What the caller (an n8n node, later the gateway) hands to the triage for one customer turn.
import { z } from 'zod/v4';
import { departmentSchema, knowledgeBundleSchema } from '../content/schemas.ts';
import { stageSchema } from '../stages/lifecycle.ts';
import { inputIssues } from '../common/input-issues.ts';
import { TriageInputError } from './errors.ts';

export const HISTORY_ROLES = ['customer', 'agent', 'bot'] as const;
export type HistoryRole = (typeof HISTORY_ROLES)[number];

export const historyMessageSchema = z.object({
	role: z.enum(HISTORY_ROLES),
	text: z.string(),
});
export type HistoryMessage = z.infer<typeof historyMessageSchema>;

/** What the triage needs of any department: enough to name it and to triage by keywords. */
export const departmentRefSchema = departmentSchema.pick({
	key: true,
	name: true,
	fallbackKeywords: true,
	urgencyKeywords: true,
});
export type DepartmentRef = z.infer<typeof departmentRefSchema>;

export const triageInputSchema = z.object({
	/** The receiving department's live content; its department is where the message arrived. */
	bundle: knowledgeBundleSchema,
	/** Every department (the receiving one may be among them); Claude may route to any of them. */
	departments: z.array(departmentRefSchema).default([]),
	/** Earlier messages of the conversation, oldest first; the triage keeps the most recent ones. */
	history: z.array(historyMessageSchema).default([]),
	/** The customer's new message(s), oldest first; a burst is answered as one turn. */
	newMessages: z.array(z.string()).refine((messages) => messages.some((m) => m.trim() !== ''), {
		message: 'at least one new message with text is needed',
	}),
	/** e.g. "whatsapp"; tells Claude how to format the reply. */
	channel: z.string().min(1).optional(),
	/** The contact's lifecycle stage now: Claude gets that stage's instructions from the bundle. */
	stage: stageSchema.optional(),
});
export type TriageInputData = z.input<typeof triageInputSchema>;
export type TriageInput = z.output<typeof triageInputSchema>;

/** Parses at the boundary; a failure throws before Claude is called. */
export function parseTriageInput(input: unknown): TriageInput {
	const result = triageInputSchema.safeParse(input);
	if (!result.success) throw new TriageInputError(inputIssues(result.error));
	return result.data;
}

/** The receiving department first, then the others in the order given, without repeats. */
export function allDepartments(input: TriageInput): DepartmentRef[] {
	const receiving = input.bundle.department;
	const seen = new Set([receiving.key]);
	const others = input.departments.filter((d) => !seen.has(d.key) && seen.add(d.key));
	return [
		{
			key: receiving.key,
			name: receiving.name,
			fallbackKeywords: receiving.fallbackKeywords,
			urgencyKeywords: receiving.urgencyKeywords,
		},
		...others,
	];
}

/** The customer's new messages as one text, for keyword rules and the guard. */
export function customerText(input: TriageInput): string {
	return input.newMessages
		.map((m) => m.trim())
		.filter(Boolean)
		.join('\n');
}
