// Builds the Messages request for one triage. Pure: it returns the params and calls nothing.
import type Anthropic from '@anthropic-ai/sdk';
import type { AutoParseableOutputFormat } from '@anthropic-ai/sdk';
import type { TriageConfig } from './config.ts';
import {
	type ContentRecord,
	contentRecords,
	recordTexts,
	renderRecord,
} from './content-records.ts';
import { toApiMessages } from './conversation.ts';
import { allDepartments, type TriageInput } from './input.ts';
import { TRIAGE_INSTRUCTIONS } from './instructions.ts';
import { type OutputCheck, triageOutputFormat } from './output-format.ts';
import { wallClock } from '../common/zoned-time.ts';

export type TriageParams = Omit<Anthropic.MessageCreateParamsNonStreaming, 'output_config'> & {
	output_config: Omit<Anthropic.OutputConfig, 'format'> & {
		format: AutoParseableOutputFormat<OutputCheck>;
	};
};

export interface TriageRequest {
	params: TriageParams;
	/** Per-request SDK options: the attempt timeout and, when configured, the retry count. */
	options: { timeout: number; maxRetries?: number };
	/** Every record offered, id → text: what the guard accepts figures from. */
	records: Map<string, string>;
	/** The department keys Claude may answer with, the receiving one first. */
	departmentKeys: string[];
}

function section(title: string, records: readonly ContentRecord[], empty: string): string {
	const body = records.length ? records.map(renderRecord).join('\n\n') : empty;
	return `## ${title}\n\n${body}`;
}

function departmentsText(input: TriageInput, agentLanguage: string): string {
	const [receiving, ...others] = allDepartments(input);
	const list = others.length
		? others.map((d) => `- ${d.key}: ${d.name}`).join('\n')
		: '(no other departments)';
	return [
		`## Receiving department\n\n${receiving?.key}: ${receiving?.name}`,
		`## Other departments\n\n${list}`,
		`## Agent language\n\n${agentLanguage}`,
	].join('\n\n');
}

function businessBlockText(input: TriageInput, records: ContentRecord, agentLanguage: string) {
	const tone = input.bundle.business.toneOfVoice?.trim() || 'Friendly, clear and brief.';
	return [
		departmentsText(input, agentLanguage),
		`## Business\n\n${renderRecord(records)}`,
		`## Tone of voice\n\n${tone}`,
	].join('\n\n');
}

/**
 * The customer's stage and what staff want the AI to do at that stage (Directus `stages`). It
 * differs per contact, so it goes in the last, uncached block.
 */
export function stageText(input: TriageInput): string | undefined {
	if (!input.stage) return undefined;
	const guidance = input.bundle.stages.find((record) => record.stage === input.stage);
	const lines = [
		guidance?.goal ? `Goal: ${guidance.goal}` : undefined,
		guidance?.tone ? `Tone: ${guidance.tone}` : undefined,
		guidance?.offer ? `Offer: ${guidance.offer}` : undefined,
	].filter((line) => line !== undefined);
	return [`## Customer's stage\n\n${input.stage}`, ...lines].join('\n');
}

const pad = (value: number) => String(value).padStart(2, '0');

/** "2026-11-25 10:04 Wed" in the business's time zone. */
export function localTime(now: Date, timeZone: string): string {
	const w = wallClock(now, timeZone);
	const weekday = w.weekday.charAt(0).toUpperCase() + w.weekday.slice(1);
	return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)} ${weekday}`;
}

export function buildTriageRequest(
	input: TriageInput,
	config: TriageConfig,
	now: Date,
): TriageRequest {
	const records = contentRecords(input.bundle);
	const departmentKeys = allDepartments(input).map((d) => d.key);
	// Up to 4 breakpoints are allowed. Ordered from the most stable to the most volatile, so a change
	// to the promotions still reads business, FAQ and plans from the cache.
	const cache_control: Anthropic.CacheControlEphemeral =
		config.cacheTtl === '1h' ? { type: 'ephemeral', ttl: '1h' } : { type: 'ephemeral' };
	const zone = input.bundle.business.timeZone;
	const context = [
		`Current time: ${localTime(now, zone)} (${zone}).`,
		input.channel ? `Channel: ${input.channel}.` : undefined,
	].filter((line) => line !== undefined);
	const system: Anthropic.TextBlockParam[] = [
		{ type: 'text', text: TRIAGE_INSTRUCTIONS },
		{
			type: 'text',
			text: businessBlockText(input, records.business, config.agentLanguage),
			cache_control,
		},
		{ type: 'text', text: section('FAQ', records.faq, '(no FAQ entries)'), cache_control },
		{ type: 'text', text: section('Plans', records.plans, '(no plans)'), cache_control },
		{
			type: 'text',
			text: section('Live promotions', records.promotions, '(no live promotions)'),
			cache_control,
		},
		// Changes on every call, so it sits after the last breakpoint.
		{
			type: 'text',
			text: [context.join('\n'), stageText(input)].filter((part) => part).join('\n\n'),
		},
	];
	const output_config: TriageParams['output_config'] = {
		format: triageOutputFormat(departmentKeys),
	};
	if (config.effort) output_config.effort = config.effort;
	return {
		params: {
			model: config.model,
			max_tokens: config.maxTokens,
			system,
			messages: toApiMessages(input.history, input.newMessages, config),
			output_config,
		},
		options:
			config.maxRetries === undefined
				? { timeout: config.timeoutMs }
				: { timeout: config.timeoutMs, maxRetries: config.maxRetries },
		records: recordTexts(records),
		departmentKeys,
	};
}
