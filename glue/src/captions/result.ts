import type {
	CaptionAnswerError,
	CaptionApiError,
	CaptionContentError,
	CaptionLimitError,
} from './errors.ts';
import type { SocialPlatform } from './platforms.ts';

/** Why a platform got no caption; each is a typed error with a stable `code`. */
export type CaptionFailure =
	| CaptionApiError
	| CaptionAnswerError
	| CaptionLimitError
	| CaptionContentError;

export type CaptionOutcome =
	| {
			ok: true;
			/** As posted, without the hashtags; Facebook's carries the promotion's link. */
			caption: string;
			/** Each with its '#', without repeats. */
			hashtags: string[];
			/** Caption and hashtags as posted, within the platform's limits. */
			text: string;
			/** 2 when the first caption broke a rule and Claude was asked once more. */
			attempts: 1 | 2;
	  }
	| { ok: false; error: CaptionFailure };

/** The captions of one promotion and what they cost; token field names match the triage's. */
export interface CaptionsResult {
	/** One outcome per platform asked for. */
	captions: Partial<Record<SocialPlatform, CaptionOutcome>>;
	/** The model that answered, or the configured one when none did. */
	model: string;
	/** Requests sent: one, plus one per platform asked again. */
	calls: number;
	inputTokens: number;
	outputTokens: number;
	cacheReadTokens: number;
	cacheWriteTokens: number;
	/** Null when the price table has no entry for the model that answered. */
	costUsd: number | null;
	/** From just before the first request to the last answer, retries included. */
	latencyMs: number;
}
