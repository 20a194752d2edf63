// One triage: build the request, call Claude through messages.parse, check the answer, guard the
// reply; on any trouble with Claude, the keyword fallback so the customer still reaches a human.
import { AnthropicError } from '@anthropic-ai/sdk';
import type Anthropic from '@anthropic-ai/sdk';
import { readAnswer, usageOf } from './answer.ts';
import { withoutAttachmentNotes } from './attachment-note.ts';
import { buildTriageRequest, type TriageParams } from './build-request.ts';
import type { TriageConfig } from './config.ts';
import { fallbackTriage } from './fallback.ts';
import {
	explainFallback,
	type FallbackInfo,
	fallbackForContent,
	fallbackForError,
} from './fallback-reason.ts';
import { guardReply, type GuardVerdict } from './guard.ts';
import { allDepartments, customerText, parseTriageInput, type TriageInput } from './input.ts';
import type { OutputCheck } from './output-format.ts';
import type { TriageOutput } from './output-schema.ts';
import { costUsd, NO_USAGE, type TokenUsage } from './pricing.ts';
import type { TriageResult } from './result.ts';

/** winston's logger fits. Only codes, ids and counts are logged, never message text. */
export interface TriageLogger {
	warn(message: string, meta?: Record<string, unknown>): void;
	error(message: string, meta?: Record<string, unknown>): void;
}

/** The one SDK call the triage makes; a real `Anthropic` client fits. */
export interface TriageClient {
	messages: {
		parse(
			params: TriageParams,
			options?: Anthropic.RequestOptions,
		): PromiseLike<Anthropic.Message & { parsed_output: OutputCheck | null }>;
	};
}

export interface TriageDeps {
	client: TriageClient;
	config: TriageConfig;
	/** Milliseconds since the epoch (Date.now in production); gives the latency and "now" for the prompt. */
	now: () => number;
	logger?: TriageLogger;
}

interface CallFacts {
	model: string;
	messageId: string | null;
	requestId: string | null;
	stopReason: string | null;
	usage: TokenUsage;
	latencyMs: number;
}

function resultOf(
	facts: CallFacts,
	config: TriageConfig,
	fields: Pick<TriageResult, 'output' | 'claudeOutput' | 'draft' | 'source' | 'fallback' | 'guard'>,
): TriageResult {
	return {
		...fields,
		model: facts.model,
		messageId: facts.messageId,
		requestId: facts.requestId,
		stopReason: facts.stopReason,
		inputTokens: facts.usage.inputTokens,
		outputTokens: facts.usage.outputTokens,
		cacheReadTokens: facts.usage.cacheReadTokens,
		cacheWriteTokens: facts.usage.cacheWriteTokens,
		costUsd: costUsd(facts.usage, facts.model, config.prices),
		latencyMs: facts.latencyMs,
	};
}

function fallbackResult(
	input: TriageInput,
	deps: TriageDeps,
	info: FallbackInfo,
	facts: CallFacts,
): TriageResult {
	const log = info.reason === 'configuration_error' ? deps.logger?.error : deps.logger?.warn;
	log?.call(deps.logger, 'triage: Claude unusable, fell back to keyword rules', {
		reason: info.reason,
		status: info.status,
		errorType: info.errorType,
		requestId: info.requestId,
		model: facts.model,
	});
	const output = fallbackTriage({
		// The customer's own words: a photo's description must not match a department's keywords.
		text: withoutAttachmentNotes(customerText(input)),
		departments: allDepartments(input),
		urgencyKeywords: deps.config.urgencyKeywords,
		handoffReason: explainFallback(info),
	});
	return resultOf(facts, deps.config, {
		output,
		claudeOutput: null,
		draft: '',
		source: 'fallback',
		fallback: info,
		guard: { blocked: false },
	});
}

/**
 * Hands off whenever a human must act, and then keeps the text out of `reply` so that nothing
 * downstream can send it by mistake.
 */
function finalOutput(claude: TriageOutput, guard: GuardVerdict): TriageOutput {
	const reasons = [claude.needs_human ? claude.handoff_reason : null];
	if (guard.blocked) reasons.push(guard.reason);
	if (!claude.needs_human && !guard.blocked && claude.reply === '') {
		reasons.push('Claude gave no reply.');
	}
	const needsHuman = claude.needs_human || guard.blocked || claude.reply === '';
	if (!needsHuman) return { ...claude, handoff_reason: null };
	const reason = reasons.filter((r): r is string => !!r).join(' ');
	return {
		...claude,
		needs_human: true,
		handoff_reason: reason || 'Claude asked for a human without giving a reason.',
		reply: '',
	};
}

/**
 * Triage one customer turn. Throws TriageInputError for bad input and rethrows anything that is not
 * an SDK error (a bug of ours); every problem with Claude ends in the keyword fallback instead.
 */
export async function triage(rawInput: unknown, deps: TriageDeps): Promise<TriageResult> {
	const input = parseTriageInput(rawInput);
	const started = deps.now();
	if (input.bundle.degraded) {
		return fallbackResult(input, deps, fallbackForContent(input.bundle.degraded), {
			model: deps.config.model,
			messageId: null,
			requestId: null,
			stopReason: null,
			usage: NO_USAGE,
			latencyMs: 0,
		});
	}
	const request = buildTriageRequest(input, deps.config, new Date(started));
	let message: Anthropic.Message & { parsed_output: OutputCheck | null };
	try {
		message = await deps.client.messages.parse(request.params, request.options);
	} catch (error) {
		if (!(error instanceof AnthropicError)) throw error;
		const info = fallbackForError(error);
		return fallbackResult(input, deps, info, {
			model: deps.config.model,
			messageId: null,
			requestId: info.requestId,
			stopReason: null,
			usage: NO_USAGE,
			latencyMs: deps.now() - started,
		});
	}
	const facts: CallFacts = {
		model: message.model,
		messageId: message.id,
		requestId: null,
		stopReason: message.stop_reason,
		usage: usageOf(message.usage),
		latencyMs: deps.now() - started,
	};
	const answer = readAnswer(message, deps.config.maxTokens);
	if (!answer.ok) return fallbackResult(input, deps, answer.info, facts);
	const claude = answer.output;
	const guard = guardReply({
		reply: claude.reply,
		usedContentIds: claude.used_content_ids,
		records: request.records,
		customerText: customerText(input),
	});
	if (guard.blocked) {
		deps.logger?.warn('triage: guard held the reply back', {
			offending: guard.offending.map((o) => o.kind),
			model: facts.model,
			messageId: facts.messageId,
		});
	}
	return resultOf(facts, deps.config, {
		output: finalOutput(claude, guard),
		claudeOutput: claude,
		draft: claude.reply,
		source: 'claude',
		fallback: null,
		guard,
	});
}
