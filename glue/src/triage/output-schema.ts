// What Claude returns for one customer message. This schema is the source of truth: the JSON schema
// sent as `output_config.format` is generated from it, and every answer is validated against it.
import { z } from 'zod/v4';
import { URGENCIES } from '../common/urgency.ts';
import { SENTIMENTS } from '../log-store/schemas.ts';
import { STAGES } from '../stages/lifecycle.ts';

export { SENTIMENTS, URGENCIES };

/** What a message asks of the booking assistant; none: nothing. */
export const APPOINTMENT_REQUESTS = ['none', 'book', 'change'] as const;
export type AppointmentRequest = (typeof APPOINTMENT_REQUESTS)[number];

export const INTENT_PATTERN = /^[a-z0-9]+(?:_[a-z0-9]+)*$/;
export const DEPARTMENT_KEY_PATTERN = /^[a-z][a-z0-9_]*$/;
/** A primary language subtag ("en", "es", "haw"), or "und" when it cannot be told. */
export const LANGUAGE_PATTERN = /^[a-z]{2,3}$/;

// The descriptions travel with the JSON schema, so they are the field guide Claude reads.
export const triageOutputSchema = z.object({
	intent: z
		.string()
		.max(64)
		.regex(INTENT_PATTERN)
		.describe('What the customer wants, as a short snake_case label, e.g. "plan_price".'),
	department: z
		.string()
		.regex(DEPARTMENT_KEY_PATTERN)
		.describe('Key of the department that should handle the message.'),
	urgency: z.enum(URGENCIES),
	sentiment: z.enum(SENTIMENTS),
	language: z
		.string()
		.regex(LANGUAGE_PATTERN)
		.describe('BCP 47 primary language code of the customer\'s newest message, e.g. "en", "es".'),
	confidence: z
		.number()
		.min(0)
		.max(1)
		.describe('How sure you are that the reply is correct and complete, from 0 to 1.'),
	needs_human: z.boolean().describe('Whether a human agent must take over the conversation.'),
	handoff_reason: z
		.string()
		.nullable()
		.describe('Why a human is needed, in one sentence; null when needs_human is false.'),
	reply: z
		.string()
		.describe(
			"The message to the customer, in the customer's language; a draft for the agent when needs_human is true.",
		),
	summary: z
		.string()
		.describe('One line for the agent: what the customer wants and any key facts.'),
	used_content_ids: z
		.array(z.string())
		.describe('Ids of the content records the reply relies on, e.g. ["faq:12", "plan:3"].'),
	// A proposal only: glue's stage rule decides whether the contact moves (stages/triage-rule.ts).
	// Defaults to null so an answer written before the field existed still parses.
	stage: z
		.enum(STAGES)
		.nullable()
		.default(null)
		.describe(
			"The customer's lifecycle stage as this conversation shows it (new, engaged, qualified, booked, customer or lost); null when it does not tell.",
		),
	// Routes the conversation to the booking assistant (glue/src/booking), which offers real free
	// times: the triage's reply never proposes a time itself. Optional so that every answer written
	// before it existed, and the keyword fallback, still parse as "no appointment".
	appointment: z
		.enum(APPOINTMENT_REQUESTS)
		.optional()
		.describe(
			'Whether the customer wants to book an appointment or visit (book), to move or cancel one they have (change), or neither (none).',
		),
});
export type TriageOutput = z.infer<typeof triageOutputSchema>;

/**
 * The schema sent to Claude for one request: `department` narrowed to the keys offered, so the
 * structured output cannot name a department that does not exist. The type stays `TriageOutput`.
 */
export function triageOutputSchemaFor(departmentKeys: readonly string[]): z.ZodType<TriageOutput> {
	const [first, ...rest] = [...new Set(departmentKeys)];
	if (first === undefined) throw new RangeError('triage: at least one department key is needed');
	return triageOutputSchema.extend({
		department: z
			.enum([first, ...rest])
			.describe('Key of the department that should handle the message.'),
	});
}
