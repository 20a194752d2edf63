// The triage: Claude's structured reading of a customer message, grounded in the department's
// content, with a guarded reply and a keyword fallback. Called by the n8n "Claude Triage" node and
// the gateway; it knows nothing of either.
export { readAnswer, usageOf, type Answer, type ParsedCheck } from './answer.ts';
export {
	buildTriageRequest,
	localTime,
	type TriageParams,
	type TriageRequest,
} from './build-request.ts';
export {
	DEFAULT_URGENCY_KEYWORDS,
	parseTriageConfig,
	triageConfigSchema,
	type TriageConfig,
	type TriageConfigInput,
} from './config.ts';
export {
	BUSINESS_RECORD_ID,
	CONTENT_KINDS,
	contentId,
	contentRecords,
	formatOpeningHours,
	localDate,
	recordTexts,
	renderRecord,
	type ContentKind,
	type ContentRecord,
	type ContentRecords,
} from './content-records.ts';
export {
	EARLIER_MESSAGES_PLACEHOLDER,
	toApiMessages,
	type ConversationOptions,
} from './conversation.ts';
export * from './errors.ts';
export {
	extractFigures,
	type CalendarDay,
	type Figure,
	type FigureKind,
} from './extract-figures.ts';
export { FALLBACK_INTENT, fallbackTriage, type FallbackRulesInput } from './fallback.ts';
export {
	explainFallback,
	FALLBACK_REASONS,
	fallbackForAnswer,
	fallbackForError,
	type FallbackInfo,
	type FallbackReason,
} from './fallback-reason.ts';
export { guardReply, type GuardInput, type GuardVerdict, type Offending } from './guard.ts';
export {
	allDepartments,
	customerText,
	departmentRefSchema,
	HISTORY_ROLES,
	historyMessageSchema,
	parseTriageInput,
	triageInputSchema,
	type DepartmentRef,
	type HistoryMessage,
	type HistoryRole,
	type TriageInput,
	type TriageInputData,
} from './input.ts';
export { TRIAGE_INSTRUCTIONS } from './instructions.ts';
export { matchKeywords } from './keywords.ts';
export { detectLanguage } from './language.ts';
export { checkTriageOutput, triageOutputFormat, type OutputCheck } from './output-format.ts';
export {
	DEPARTMENT_KEY_PATTERN,
	INTENT_PATTERN,
	LANGUAGE_PATTERN,
	SENTIMENTS,
	triageOutputSchema,
	triageOutputSchemaFor,
	URGENCIES,
	type TriageOutput,
} from './output-schema.ts';
export { countDigits, parseNumber } from './parse-number.ts';
export {
	costUsd,
	modelPriceSchema,
	NO_USAGE,
	priceTableSchema,
	type ModelPrice,
	type PriceTable,
	type TokenUsage,
} from './pricing.ts';
export type { TriageResult, TriageSource } from './result.ts';
export { triage, type TriageClient, type TriageDeps, type TriageLogger } from './triage.ts';
