// Captions for one promotion: one request for every platform, a check of each caption in code, and
// for a platform whose caption breaks a rule one more request with the reason. Every trouble with
// Claude becomes a typed error for the platforms it hits, never a throw, so a social workflow can log
// it and post the rest.
import type Anthropic from '@anthropic-ai/sdk';
import { AnthropicError } from '@anthropic-ai/sdk';
import {
	type Answer as ClaudeAnswer,
	costUsd,
	fallbackForAnswer,
	readAnswer,
	usageOf,
	fallbackForError,
	NO_USAGE,
	type TokenUsage,
	type TriageLogger,
} from '../triage/index.ts';
import { buildCaptionRequest, type CaptionParams, type CaptionRequest } from './build-request.ts';
import { type CaptionGrounding, checkCaption, type CheckedCaption } from './check-caption.ts';
import type { CaptionConfig } from './config.ts';
import { CaptionContentError, CaptionLimitError, failureFor } from './errors.ts';
import { type CaptionInput, parseCaptionInput } from './input.ts';
import type { CaptionsCheck } from './output-format.ts';
import type { CaptionDraft, CaptionsOutput } from './output-schema.ts';
import type { SocialPlatform } from './platforms.ts';
import { type CaptionProblem, isLimitProblem } from './problems.ts';
import { promotionFacts } from './promotion-facts.ts';
import type { CaptionOutcome, CaptionsResult } from './result.ts';

/** winston's logger fits. Only codes, ids and counts are logged, never caption text. */
export type CaptionLogger = TriageLogger;

/** The one SDK call the captions make; a real `Anthropic` client fits. */
export interface CaptionClient {
	messages: {
		parse(
			params: CaptionParams,
			options?: Anthropic.RequestOptions,
		): PromiseLike<Anthropic.Message & { parsed_output: CaptionsCheck | null }>;
	};
}

export interface CaptionDeps {
	client: CaptionClient;
	config: CaptionConfig;
	/** Milliseconds since the epoch (Date.now in production), for the latency. */
	now: () => number;
	logger?: CaptionLogger;
}

type Answer = ClaudeAnswer<CaptionsOutput>;

/** What the calls of one writeCaptions cost, added up as they return. */
interface Spend {
	calls: number;
	usage: TokenUsage;
	costUsd: number | null;
	model: string | null;
}

function addSpend(spend: Spend, message: Anthropic.Message, config: CaptionConfig): void {
	const usage = usageOf(message.usage);
	for (const key of Object.keys(usage) as Array<keyof TokenUsage>) spend.usage[key] += usage[key];
	const cost = costUsd(usage, message.model, config.prices);
	spend.costUsd =
		spend.costUsd === null || cost === null ? null : Math.round((spend.costUsd + cost) * 1e9) / 1e9;
	spend.model ??= message.model;
}

async function ask(request: CaptionRequest, deps: CaptionDeps, spend: Spend): Promise<Answer> {
	spend.calls += 1;
	let message: Anthropic.Message & { parsed_output: CaptionsCheck | null };
	try {
		message = await deps.client.messages.parse(request.params, request.options);
	} catch (error) {
		// Anything else is a bug of ours, not Claude's trouble.
		if (!(error instanceof AnthropicError)) throw error;
		return { ok: false, info: fallbackForError(error) };
	}
	addSpend(spend, message, deps.config);
	return readAnswer(message, deps.config.maxTokens);
}

function posted(checked: CheckedCaption, attempts: 1 | 2): CaptionOutcome {
	const { caption, hashtags, text } = checked;
	return { ok: true, caption, hashtags, text, attempts };
}

function rejected(platform: SocialPlatform, problems: CaptionProblem[]): CaptionOutcome {
	const exceeded = problems.find(isLimitProblem);
	return {
		ok: false,
		error: exceeded
			? new CaptionLimitError({ platform, exceeded, problems })
			: new CaptionContentError({ platform, problems }),
	};
}

type Drafted = { ok: true; draft: CaptionDraft } | { ok: false; outcome: CaptionOutcome };

function draftOf(platform: SocialPlatform, answer: Answer): Drafted {
	const draft = answer.ok ? answer.output[platform] : undefined;
	if (draft) return { ok: true, draft };
	const info = answer.ok
		? fallbackForAnswer('invalid_output', `the answer has no ${platform} caption`)
		: answer.info;
	return { ok: false, outcome: { ok: false, error: failureFor(platform, info) } };
}

/** The platform's caption from an answer: checked, and asked for once more when it breaks a rule. */
async function captionFor(
	platform: SocialPlatform,
	answer: Answer,
	context: { input: CaptionInput; grounding: CaptionGrounding; deps: CaptionDeps; spend: Spend },
): Promise<CaptionOutcome> {
	const first = draftOf(platform, answer);
	if (!first.ok) return first.outcome;
	const checked = checkCaption(platform, first.draft, context.grounding);
	if (checked.problems.length === 0) return posted(checked, 1);

	const { input, deps, spend } = context;
	const correction = { platform, previous: first.draft, problems: checked.problems };
	const again = await ask(buildCaptionRequest(input, deps.config, correction), deps, spend);
	const second = draftOf(platform, again);
	if (!second.ok) return second.outcome;
	const rechecked = checkCaption(platform, second.draft, context.grounding);
	return rechecked.problems.length === 0
		? posted(rechecked, 2)
		: rejected(platform, rechecked.problems);
}

function logFailure(deps: CaptionDeps, outcome: CaptionOutcome, model: string): void {
	if (outcome.ok) return;
	const { error } = outcome;
	const meta: Record<string, unknown> = { platform: error.platform, code: error.code, model };
	if ('reason' in error) meta.reason = error.reason;
	if ('requestId' in error && error.requestId) meta.requestId = error.requestId;
	// A rejected request (key, model id, spend limit) is the operator's to fix, not passing trouble.
	const log = meta.reason === 'configuration_error' ? deps.logger?.error : deps.logger?.warn;
	log?.call(deps.logger, 'captions: no caption for a platform', meta);
}

/**
 * Writes one caption per platform for a promotion. Throws CaptionInputError for bad input and
 * rethrows anything that is not an SDK error (a bug of ours); every problem with Claude or with a
 * caption ends in that platform's typed error, and the other platforms still get theirs.
 */
export async function writeCaptions(rawInput: unknown, deps: CaptionDeps): Promise<CaptionsResult> {
	const input = parseCaptionInput(rawInput);
	const started = deps.now();
	const spend: Spend = { calls: 0, usage: { ...NO_USAGE }, costUsd: 0, model: null };
	const grounding: CaptionGrounding = {
		facts: promotionFacts(input.promotion, input.business.timeZone),
		businessName: input.business.name,
		link: input.promotion.link,
	};
	const first = await ask(buildCaptionRequest(input, deps.config), deps, spend);
	const captions: CaptionsResult['captions'] = {};
	// One platform after the other: second attempts are rare, and a fixed order keeps the requests
	// (and a scripted simulator's answers) predictable.
	for (const platform of input.platforms) {
		captions[platform] = await captionFor(platform, first, { input, grounding, deps, spend });
	}
	const model = spend.model ?? deps.config.model;
	for (const outcome of Object.values(captions)) logFailure(deps, outcome, model);
	return {
		captions,
		model,
		calls: spend.calls,
		inputTokens: spend.usage.inputTokens,
		outputTokens: spend.usage.outputTokens,
		cacheReadTokens: spend.usage.cacheReadTokens,
		cacheWriteTokens: spend.usage.cacheWriteTokens,
		costUsd: spend.costUsd,
		latencyMs: deps.now() - started,
	};
}
