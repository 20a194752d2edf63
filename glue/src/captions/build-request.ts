// Builds the Messages request for the captions, or for one platform's second attempt. Pure: it
// returns the params and calls nothing.
import type Anthropic from '@anthropic-ai/sdk';
import type { AutoParseableOutputFormat } from '@anthropic-ai/sdk';
import type { CaptionConfig } from './config.ts';
import type { CaptionInput } from './input.ts';
import { CAPTION_INSTRUCTIONS, DEFAULT_TONE } from './instructions.ts';
import { captionsOutputFormat, type CaptionsCheck } from './output-format.ts';
import type { CaptionDraft, FacebookDraft } from './output-schema.ts';
import { CAPTION_LIMITS } from './platform-limits.ts';
import { PLATFORM_NAMES, type SocialPlatform } from './platforms.ts';
import { type CaptionProblem, describeProblems } from './problems.ts';
import { promotionFacts } from './promotion-facts.ts';

export type CaptionParams = Omit<Anthropic.MessageCreateParamsNonStreaming, 'output_config'> & {
	output_config: Omit<Anthropic.OutputConfig, 'format'> & {
		format: AutoParseableOutputFormat<CaptionsCheck>;
	};
};

export interface CaptionRequest {
	params: CaptionParams;
	/** Per-request SDK options: the attempt timeout and, when configured, the retry count. */
	options: { timeout: number; maxRetries?: number };
	/** The platforms this request asks for. */
	platforms: SocialPlatform[];
}

/** A second attempt for one platform: what Claude wrote and why it cannot be posted. */
export interface Correction {
	platform: SocialPlatform;
	previous: CaptionDraft | FacebookDraft;
	problems: readonly CaptionProblem[];
}

function platformRule(platform: SocialPlatform, link: string | null): string {
	const { instagram, tiktok } = CAPTION_LIMITS;
	switch (platform) {
		case 'facebook':
			return link
				? `- Facebook: put the promotion's link (${link}) in the caption once and set link_included to true. Up to 3 hashtags.`
				: '- Facebook: the promotion has no link, so write no URL and set link_included to false. Up to 3 hashtags.';
		case 'instagram':
			return (
				`- Instagram: at most ${instagram.characters} characters including the hashtags, at most ` +
				`${instagram.hashtags} hashtags (5 to 10 work best) and at most ${instagram.mentions} @ tags. ` +
				'Links in Instagram captions are not clickable: write no URL' +
				(link ? '; point readers to the link in the bio instead ("link in bio").' : '.')
			);
		case 'tiktok':
			return (
				'- TikTok: a short caption of one or two sentences with 3 to 5 hashtags, at most ' +
				`${tiktok.characters} characters including the hashtags. Marketing posts it by hand and ` +
				'TikTok captions cannot carry a clickable link: write no URL' +
				(link ? '; you may point to the link in the bio.' : '.')
			);
	}
}

function taskText(input: CaptionInput, platforms: readonly SocialPlatform[]): string {
	const names = platforms.map((p) => PLATFORM_NAMES[p]).join(', ');
	const language = input.language
		? `Write in the language with the BCP 47 tag "${input.language}".`
		: 'Write in the language the promotion is written in.';
	const { promotion, business } = input;
	return [
		`Write one caption for each of these platforms: ${names}. ${language}`,
		`## Promotion\n\n${promotionFacts(promotion, business.timeZone)}`,
		`## Platform rules\n\n${platforms.map((p) => platformRule(p, promotion.link)).join('\n')}`,
	].join('\n\n');
}

function correctionText(correction: Correction): string {
	const name = PLATFORM_NAMES[correction.platform];
	return (
		`Your ${name} caption cannot be used: ${describeProblems(correction.platform, correction.problems)}. ` +
		`Write the ${name} caption again, following every rule above and fixing this.`
	);
}

export function buildCaptionRequest(
	input: CaptionInput,
	config: CaptionConfig,
	correction?: Correction,
): CaptionRequest {
	const platforms = correction ? [correction.platform] : input.platforms;
	const tone = input.business.toneOfVoice?.trim() || DEFAULT_TONE;
	const system: Anthropic.TextBlockParam[] = [
		{ type: 'text', text: CAPTION_INSTRUCTIONS },
		{
			type: 'text',
			text: `## Business\n\n${input.business.name}\n\n## Tone of voice\n\n${tone}`,
		},
	];
	const messages: Anthropic.MessageParam[] = [
		{ role: 'user', content: taskText(input, platforms) },
	];
	if (correction) {
		// The rejected answer as Claude's own turn, so the second attempt can rework it.
		const previous = JSON.stringify({ [correction.platform]: correction.previous });
		messages.push(
			{ role: 'assistant', content: previous },
			{ role: 'user', content: correctionText(correction) },
		);
	}
	const output_config: CaptionParams['output_config'] = {
		format: captionsOutputFormat(platforms),
	};
	if (config.effort) output_config.effort = config.effort;
	return {
		params: { model: config.model, max_tokens: config.maxTokens, system, messages, output_config },
		options:
			config.maxRetries === undefined
				? { timeout: config.timeoutMs }
				: { timeout: config.timeoutMs, maxRetries: config.maxRetries },
		platforms,
	};
}
