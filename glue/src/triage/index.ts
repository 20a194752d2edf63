// The triage: Claude's structured reading of a customer message, grounded in the department's
// content, with a guarded reply and a keyword fallback. Called by the n8n "Claude Triage" node;
// it knows nothing of n8n.

// Triage one conversation.
export { triage, type TriageClient, type TriageDeps, type TriageLogger } from './triage.ts';
export { parseTriageConfig, type TriageConfig, type TriageConfigInput } from './config.ts';
export type { DepartmentRef, HistoryMessage, TriageInput, TriageInputData } from './input.ts';
export type { TriageResult, TriageSource } from './result.ts';
export type { TriageOutput } from './output-schema.ts';
export { APPOINTMENT_REQUESTS, type AppointmentRequest } from './output-schema.ts';

// What the captions reuse: reading Claude's answer, its cost, the fallbacks, the reply guard.
export { readAnswer, usageOf, type Answer } from './answer.ts';
export { localTime } from './build-request.ts';
export {
	fallbackForAnswer,
	fallbackForError,
	type FallbackInfo,
	type FallbackReason,
} from './fallback-reason.ts';
export { guardReply, type GuardInput, type GuardVerdict } from './guard.ts';
export {
	costUsd,
	NO_USAGE,
	priceTableSchema,
	type ModelPrice,
	type PriceTable,
	type TokenUsage,
} from './pricing.ts';

// What a failed call throws.
export { TriageConfigError, TriageError, TriageInputError, type InputIssue } from './errors.ts';
