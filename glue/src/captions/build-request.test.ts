import type Anthropic from '@anthropic-ai/sdk';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCaptionRequest, type Correction } from './build-request.ts';
import type { CaptionConfigInput } from './config.ts';
import type { CaptionInputData } from './input.ts';
import { CAPTION_INSTRUCTIONS, DEFAULT_TONE } from './instructions.ts';
import {
	makeBundle,
	makeCaptionConfig,
	makePromotion,
	parsedInput,
	TEST_MODEL,
} from './test-fixtures.ts';

function build(
	input: Partial<CaptionInputData> = {},
	config: Partial<CaptionConfigInput> = {},
	correction?: Correction,
) {
	return buildCaptionRequest(parsedInput(input), makeCaptionConfig(config), correction);
}

const systemTexts = (request: ReturnType<typeof build>) =>
	(request.params.system as Anthropic.TextBlockParam[]).map((block) => block.text);
const userTexts = (request: ReturnType<typeof build>) =>
	request.params.messages.map((m) => (typeof m.content === 'string' ? m.content : ''));

interface WireSchema {
	properties: Record<string, { properties: Record<string, unknown>; required: string[] }>;
	required: string[];
}
const wireSchema = (request: ReturnType<typeof build>) =>
	request.params.output_config.format.schema as unknown as WireSchema;

const FACTS = [
	'## Promotion',
	'',
	'Title: Black Friday',
	'Valid: from 2026-11-20 00:00 Fri to 2026-11-30 23:59 Mon (Europe/Madrid)',
	'Link: https://acme.example/black-friday',
	'Details: 20% off the first 3 months of any fibre plan.',
].join('\n');

describe('build-request', () => {
	describe('buildCaptionRequest', () => {
		it('should take the model, max_tokens, timeout and retries from configuration', () => {
			const request = build(
				{},
				{
					model: 'some-model',
					prices: { 'some-model': { input: 1, output: 1, cacheWrite: 1, cacheRead: 1 } },
					maxTokens: 900,
					timeoutMs: 1234,
					maxRetries: 3,
				},
			);
			assert.equal(request.params.model, 'some-model');
			assert.equal(request.params.max_tokens, 900);
			assert.deepEqual(request.options, { timeout: 1234, maxRetries: 3 });
			assert.deepEqual(build({}, { maxRetries: undefined }).options, { timeout: 10_000 });
		});

		it('should send no sampling parameters and effort only when configured', () => {
			const params = build().params as unknown as Record<string, unknown>;
			assert.deepEqual(Object.keys(params).sort(), [
				'max_tokens',
				'messages',
				'model',
				'output_config',
				'system',
			]);
			assert.equal('effort' in build().params.output_config, false);
			assert.equal(build({}, { effort: 'low' }).params.output_config.effort, 'low');
		});

		it("should put the instructions, the business's name and its tone of voice in the system prompt", () => {
			assert.deepEqual(systemTexts(build()), [
				CAPTION_INSTRUCTIONS,
				"## Business\n\nACME Internet\n\n## Tone of voice\n\nWarm and brief; use the customer's first name when known.",
			]);
		});

		it('should fall back to a default tone when the business has none', () => {
			for (const toneOfVoice of [null, '   ']) {
				const business = { ...makeBundle().business, toneOfVoice };
				assert.match(systemTexts(build({ business }))[1] ?? '', new RegExp(`${DEFAULT_TONE}$`));
			}
		});

		it("should ask in one user message for the platforms, with the promotion's facts and each platform's rules", () => {
			const request = build();
			assert.equal(request.params.model, TEST_MODEL);
			assert.deepEqual(request.platforms, ['facebook', 'instagram']);
			assert.deepEqual(userTexts(request), [
				[
					'Write one caption for each of these platforms: Facebook, Instagram. Write in the language the promotion is written in.',
					'',
					FACTS,
					'',
					'## Platform rules',
					'',
					"- Facebook: put the promotion's link (https://acme.example/black-friday) in the caption once and set link_included to true. Up to 3 hashtags.",
					'- Instagram: at most 2200 characters including the hashtags, at most 30 hashtags (5 to 10 work best) and at most 20 @ tags. Links in Instagram captions are not clickable: write no URL; point readers to the link in the bio instead ("link in bio").',
				].join('\n'),
			]);
			assert.deepEqual(
				request.params.messages.map((m) => m.role),
				['user'],
			);
		});

		it('should ask for exactly the platforms given, Facebook with link_included', () => {
			const schema = wireSchema(build({ platforms: ['tiktok', 'facebook'] }));
			assert.deepEqual(Object.keys(schema.properties), ['facebook', 'tiktok']);
			assert.deepEqual(schema.required, ['facebook', 'tiktok']);
			assert.deepEqual(schema.properties.facebook?.required, [
				'caption',
				'hashtags',
				'link_included',
			]);
			assert.deepEqual(schema.properties.tiktok?.required, ['caption', 'hashtags']);
		});

		it('should name the language when one is given', () => {
			assert.match(
				userTexts(build({ language: 'es' }))[0] ?? '',
				/^Write one caption for each of these platforms: Facebook, Instagram\. Write in the language with the BCP 47 tag "es"\./,
			);
		});

		it('should tell Claude there is no link when the promotion has none', () => {
			const text = userTexts(
				build({
					promotion: makePromotion({ link: null }),
					platforms: ['facebook', 'instagram', 'tiktok'],
				}),
			)[0];
			assert.match(text ?? '', /\nLink: none\n/);
			assert.match(
				text ?? '',
				/- Facebook: the promotion has no link, so write no URL and set link_included to false\./,
			);
			assert.match(text ?? '', /Instagram captions are not clickable: write no URL\.\n/);
			assert.match(text ?? '', /TikTok captions cannot carry a clickable link: write no URL\.$/);
		});

		it('should read Directus local datetimes as the business’s own time', () => {
			const promotion = makePromotion({
				startsAt: '2026-11-20T08:00:00',
				endsAt: '2026-11-30T21:30:00',
			});
			assert.match(
				userTexts(build({ promotion }))[0] ?? '',
				/\nValid: from 2026-11-20 08:00 Fri to 2026-11-30 21:30 Mon \(Europe\/Madrid\)\n/,
			);
		});

		it('should ask again for one platform only, with its rejected caption and the reason', () => {
			const previous = { caption: 'Too long', hashtags: ['sale'] };
			const request = build(
				{},
				{},
				{
					platform: 'instagram',
					previous,
					problems: [{ kind: 'limit', limit: 'characters', actual: 2450, max: 2200 }],
				},
			);
			assert.deepEqual(request.platforms, ['instagram']);
			assert.deepEqual(Object.keys(wireSchema(request).properties), ['instagram']);
			assert.deepEqual(
				request.params.messages.map((m) => m.role),
				['user', 'assistant', 'user'],
			);
			const [task, answer, correction] = userTexts(request);
			assert.match(task ?? '', /^Write one caption for each of these platforms: Instagram\./);
			assert.doesNotMatch(task ?? '', /Facebook/);
			assert.equal(answer, JSON.stringify({ instagram: previous }));
			assert.equal(
				correction,
				'Your Instagram caption cannot be used: it has 2450 characters including the hashtags; Instagram allows at most 2200. Write the Instagram caption again, following every rule above and fixing this.',
			);
			assert.deepEqual(systemTexts(request), systemTexts(build()));
		});
	});
});
