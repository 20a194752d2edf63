import { z } from 'zod/v4';

const stopReasons = [
	'end_turn',
	'max_tokens',
	'stop_sequence',
	'tool_use',
	'pause_turn',
	'refusal',
	'model_context_window_exceeded',
] as const;

const scriptedError = z.strictObject({
	error: z.strictObject({
		status: z.number().int().min(400).max(599),
		/** Defaults to the API's type for the status (529 → overloaded_error). */
		type: z.string().optional(),
		message: z.string().optional(),
		/** Sent verbatim instead of the real error shape. */
		body: z.unknown().optional(),
		headers: z.record(z.string(), z.string()).default({}),
	}),
});

const scriptedMessage = z
	.strictObject({
		/** One text block with this text. */
		text: z.string().optional(),
		/** One text block with this value as JSON: a structured-output answer. */
		json: z.unknown().optional(),
		/** The content blocks verbatim (text blocks get `citations: null`, tool_use blocks an id). */
		content: z.array(z.looseObject({ type: z.string() })).optional(),
		stop_reason: z.enum(stopReasons).optional(),
		stop_details: z.looseObject({ type: z.string() }).nullish(),
		usage: z
			.strictObject({
				input_tokens: z.number().int().min(0).optional(),
				output_tokens: z.number().int().min(0).optional(),
			})
			.optional(),
		/** Streaming only: an `event: error` sent after the first delta, as the real API does mid-stream. */
		stream_error: z.strictObject({ type: z.string(), message: z.string() }).optional(),
	})
	.refine((m) => [m.text, m.json, m.content].filter((x) => x !== undefined).length === 1, {
		message: 'a scripted message needs exactly one of: text, json, content',
	});

export type ScriptedError = z.infer<typeof scriptedError>;
export type ScriptedMessage = z.infer<typeof scriptedMessage>;
export type ScriptedAnswer = ScriptedError | ScriptedMessage;

// An answer with an `error` key is an error; anything else a message. Choosing the schema up front
// keeps the validation messages specific (a union would only say "Invalid input").
function answerSchemaFor(item: unknown) {
	return item && typeof item === 'object' && 'error' in item ? scriptedError : scriptedMessage;
}

/** One answer or an array of them, as POST /__sim/script takes it. */
export function parseScript(
	body: unknown,
): { ok: true; answers: ScriptedAnswer[] } | { ok: false; message: string } {
	const items: unknown[] = Array.isArray(body) ? body : [body];
	if (items.length === 0) return { ok: false, message: 'the script is empty' };
	const answers: ScriptedAnswer[] = [];
	for (const [index, item] of items.entries()) {
		const parsed = answerSchemaFor(item).safeParse(item);
		if (!parsed.success) {
			return { ok: false, message: `answer ${index}: ${z.prettifyError(parsed.error)}` };
		}
		answers.push(parsed.data);
	}
	return { ok: true, answers };
}

export function isScriptedError(answer: ScriptedAnswer): answer is ScriptedError {
	return 'error' in answer;
}

/** Answers queued by tests with POST /__sim/script, used one per Messages call, oldest first. */
export class ScriptQueue {
	private answers: ScriptedAnswer[] = [];

	push(answers: readonly ScriptedAnswer[]): number {
		this.answers.push(...answers);
		return this.answers.length;
	}

	next(): ScriptedAnswer | undefined {
		return this.answers.shift();
	}

	list(): readonly ScriptedAnswer[] {
		return this.answers;
	}

	clear(): void {
		this.answers = [];
	}
}
