import type { PromptParams } from '../validation/params.ts';
import { readConversation } from './conversation.ts';
import { gatherFacts } from './facts.ts';
import { generateFromSchema, type JsonValue } from './generate.ts';
import { textAnswer } from './text-answer.ts';

export type { JsonValue } from './generate.ts';

/** What the deterministic responder makes of a request: same request, same answer. */
export interface Responder {
	/** A value valid against the schema, filled from the request's words and content. */
	structured(params: PromptParams, schema: Record<string, unknown>): JsonValue;
	text(params: PromptParams): string;
}

export function createResponder(now: () => Date): Responder {
	return {
		structured: (params, schema) =>
			generateFromSchema(schema, gatherFacts(readConversation(params), now())),
		text: (params) => textAnswer(gatherFacts(readConversation(params), now())),
	};
}
