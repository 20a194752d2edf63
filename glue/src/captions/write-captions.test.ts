// writeCaptions against the Anthropic simulator, through the real SDK: what goes on the wire, the
// second request for a caption that breaks a rule, and every way Claude can fail ending in a typed
// error per platform instead of a throw.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { anthropicFault } from '../../../simulators/src/anthropic/faults.ts';
import { startSimulator, type TestSimulator } from '../../../simulators/src/anthropic/testing.ts';
import { costUsd } from '../triage/index.ts';
import { buildCaptionRequest } from './build-request.ts';
import type { CaptionConfigInput } from './config.ts';
import {
	CaptionAnswerError,
	CaptionApiError,
	CaptionContentError,
	CaptionInputError,
	CaptionLimitError,
} from './errors.ts';
import type { CaptionDraft, FacebookDraft } from './output-schema.ts';
import type { SocialPlatform } from './platforms.ts';
import type { CaptionOutcome, CaptionsResult } from './result.ts';
import {
	makeCaptionConfig,
	makeCaptionInput,
	parsedInput,
	steppingClock,
	TEST_MODEL,
	TEST_PRICES,
} from './test-fixtures.ts';
import { type CaptionDeps, writeCaptions } from './write-captions.ts';

interface LogLine {
	level: 'warn' | 'error';
	message: string;
	meta?: Record<string, unknown>;
}

interface LoggedBody {
	model: string;
	max_tokens: number;
	system: Array<{ type: string; text: string }>;
	messages: Array<{ role: string; content: string }>;
	output_config: { format: { type: string; schema: { properties: Record<string, unknown> } } };
}

const LINK = 'https://acme.example/black-friday';
const FACEBOOK: FacebookDraft = {
	caption: `Black Friday at ACME Internet: 20% off the first 3 months of any fibre plan. ${LINK}`,
	hashtags: ['BlackFriday', 'fibre'],
	link_included: true,
};
const INSTAGRAM: CaptionDraft = {
	caption:
		'Black Friday is here: 20% off your first 3 months of fibre, until 30 November. Link in bio!',
	hashtags: ['#BlackFriday', 'Fibre', 'fibre'],
};
/** 2,480 characters before the hashtags: over Instagram's 2,200. */
const TOO_LONG: CaptionDraft = {
	caption: 'Black Friday at ACME Internet. '.repeat(80).trim(),
	hashtags: ['sale'],
};

function success(outcome: CaptionOutcome | undefined) {
	assert.ok(outcome?.ok, `expected a caption, got ${outcome?.ok ? '' : outcome?.error.message}`);
	return outcome;
}

function failure(outcome: CaptionOutcome | undefined) {
	assert.equal(outcome?.ok, false);
	return outcome.error;
}

function totalCost(result: CaptionsResult): number | null {
	return costUsd(
		{
			inputTokens: result.inputTokens,
			outputTokens: result.outputTokens,
			cacheReadTokens: result.cacheReadTokens,
			cacheWriteTokens: result.cacheWriteTokens,
			cacheWrite1hTokens: 0,
		},
		TEST_MODEL,
		TEST_PRICES,
	);
}

describe('write-captions', () => {
	let t: TestSimulator;
	let logs: LogLine[];

	before(async () => {
		t = await startSimulator();
	});
	after(() => t.server.close());
	beforeEach(async () => {
		await t.reset();
		logs = [];
	});

	function deps(config: Partial<CaptionConfigInput> = {}, client = t.client()): CaptionDeps {
		return {
			client,
			config: makeCaptionConfig(config),
			now: steppingClock(),
			logger: {
				warn: (message, meta) => logs.push({ level: 'warn', message, meta }),
				error: (message, meta) => logs.push({ level: 'error', message, meta }),
			},
		};
	}
	const script = (answer: unknown) => t.post('/__sim/script', answer);
	const fault = (body: unknown) => t.post('/__sim/faults', body);
	const bodies = async () =>
		(await t.requests('/v1/messages')).map((request) => request.body as LoggedBody);

	describe('when Claude answers within the rules', () => {
		it('should send exactly the built request and return each caption as posted, with usage, cost and latency', async () => {
			await script({ json: { facebook: FACEBOOK, instagram: INSTAGRAM } });
			const result = await writeCaptions(makeCaptionInput(), deps());

			const requests = await t.requests('/v1/messages');
			assert.equal(requests.length, 1);
			const [request] = requests;
			const expected = buildCaptionRequest(parsedInput(), makeCaptionConfig());
			assert.deepEqual(request?.body, JSON.parse(JSON.stringify(expected.params)));
			const body = request?.body as LoggedBody;
			assert.equal(body.model, TEST_MODEL);
			assert.equal(body.max_tokens, 2048);
			assert.match(body.system[1]?.text ?? '', /## Tone of voice\n\nWarm and brief; /);
			assert.match(
				body.messages[0]?.content ?? '',
				/\nTitle: Black Friday\nValid: from 2026-11-20 00:00 Fri to 2026-11-30 23:59 Mon \(Europe\/Madrid\)\nLink: https:\/\/acme\.example\/black-friday\nDetails: 20% off the first 3 months of any fibre plan\.\n/,
			);
			assert.deepEqual(Object.keys(body.output_config.format.schema.properties), [
				'facebook',
				'instagram',
			]);
			assert.equal(request?.headers['anthropic-version'], '2026-10-21');
			assert.equal(request?.headers.authorization, 'Bearer sk-ant-test');

			assert.deepEqual(result.captions, {
				facebook: {
					ok: true,
					caption: FACEBOOK.caption,
					hashtags: ['#BlackFriday', '#fibre'],
					text: `${FACEBOOK.caption}\n\n#BlackFriday #fibre`,
					attempts: 1,
				},
				instagram: {
					ok: true,
					caption: INSTAGRAM.caption,
					hashtags: ['#BlackFriday', '#Fibre'],
					text: `${INSTAGRAM.caption}\n\n#BlackFriday #Fibre`,
					attempts: 1,
				},
			});
			assert.equal(result.model, TEST_MODEL);
			assert.equal(result.calls, 1);
			assert.ok(result.inputTokens > 0 && result.outputTokens > 0);
			assert.equal(result.costUsd, totalCost(result));
			assert.ok((result.costUsd ?? 0) > 0);
			// The stepping clock moves 250 ms per reading: one before the call, one after.
			assert.equal(result.latencyMs, 250);
			assert.deepEqual(logs, []);
		});

		it("should add the promotion's link to a Facebook caption that left it out", async () => {
			const withoutLink = {
				...FACEBOOK,
				caption: 'Black Friday: 20% off fibre.',
				link_included: false,
			};
			await script({ json: { facebook: withoutLink, instagram: INSTAGRAM } });
			const result = await writeCaptions(makeCaptionInput(), deps());
			const facebook = success(result.captions.facebook);
			assert.equal(facebook.text, `Black Friday: 20% off fibre.\n\n${LINK}\n\n#BlackFriday #fibre`);
			assert.equal(result.calls, 1);
		});
	});

	describe('when a caption breaks a rule', () => {
		it('should ask again for Instagram only, with the reason, and post the second caption', async () => {
			await script([
				{ json: { facebook: FACEBOOK, instagram: TOO_LONG } },
				{ json: { instagram: INSTAGRAM } },
			]);
			const result = await writeCaptions(makeCaptionInput(), deps());

			const [first, second, ...more] = await bodies();
			assert.equal(more.length, 0);
			assert.deepEqual(Object.keys(first?.output_config.format.schema.properties ?? {}), [
				'facebook',
				'instagram',
			]);
			const length = [...`${TOO_LONG.caption}\n\n#sale`].length;
			const expected = buildCaptionRequest(parsedInput(), makeCaptionConfig(), {
				platform: 'instagram',
				previous: TOO_LONG,
				problems: [{ kind: 'limit', limit: 'characters', actual: length, max: 2200 }],
			});
			assert.deepEqual(second, JSON.parse(JSON.stringify(expected.params)));
			assert.deepEqual(Object.keys(second?.output_config.format.schema.properties ?? {}), [
				'instagram',
			]);
			assert.deepEqual(
				second?.messages.map((m) => m.role),
				['user', 'assistant', 'user'],
			);
			assert.match(
				second?.messages[0]?.content ?? '',
				/^Write one caption for each of these platforms: Instagram\./,
			);
			assert.equal(second?.messages[1]?.content, JSON.stringify({ instagram: TOO_LONG }));
			assert.equal(
				second?.messages[2]?.content,
				`Your Instagram caption cannot be used: it has ${length} characters including the hashtags; Instagram allows at most 2200. Write the Instagram caption again, following every rule above and fixing this.`,
			);

			assert.equal(success(result.captions.facebook).attempts, 1);
			const instagram = success(result.captions.instagram);
			assert.equal(instagram.attempts, 2);
			assert.equal(instagram.text, `${INSTAGRAM.caption}\n\n#BlackFriday #Fibre`);
			assert.equal(result.calls, 2);
			assert.equal(result.costUsd, totalCost(result));
			assert.equal(result.latencyMs, 250);
			assert.deepEqual(logs, []);
		});

		it('should return a typed error for Instagram when the second caption is still over, and Facebook’s caption', async () => {
			const stillOver = { caption: 'Black Friday! '.repeat(160).trim(), hashtags: [] };
			await script([
				{ json: { facebook: FACEBOOK, instagram: TOO_LONG } },
				{ json: { instagram: stillOver } },
			]);
			const result = await writeCaptions(makeCaptionInput(), deps());

			assert.equal(
				success(result.captions.facebook).text,
				`${FACEBOOK.caption}\n\n#BlackFriday #fibre`,
			);
			const error = failure(result.captions.instagram);
			assert.ok(error instanceof CaptionLimitError);
			assert.equal(error.code, 'CAPTION_OVER_LIMIT');
			assert.equal(error.platform, 'instagram');
			assert.deepEqual([error.limit, error.actual, error.max], ['characters', 2239, 2200]);
			assert.equal(
				error.message,
				'The Instagram caption is over the limit after a second attempt: it has 2239 characters including the hashtags; Instagram allows at most 2200.',
			);
			assert.equal(result.calls, 2);
			assert.deepEqual(logs, [
				{
					level: 'warn',
					message: 'captions: no caption for a platform',
					meta: { platform: 'instagram', code: 'CAPTION_OVER_LIMIT', model: TEST_MODEL },
				},
			]);
			assert.doesNotMatch(JSON.stringify(logs), /Black Friday/);
		});

		it('should ask again when a caption states a price the promotion does not, and reject it if it persists', async () => {
			const invented = { ...FACEBOOK, caption: `Fibre from 19.99 € a month! ${LINK}` };
			await script([
				{ json: { facebook: invented, instagram: INSTAGRAM } },
				{ json: { facebook: { ...invented, caption: `Only 19.99 €! ${LINK}` } } },
			]);
			const result = await writeCaptions(makeCaptionInput(), deps());

			const second = (await bodies())[1];
			assert.match(
				second?.messages[2]?.content ?? '',
				/^Your Facebook caption cannot be used: it states "19\.99 €", which the promotion does not state\./,
			);
			const error = failure(result.captions.facebook);
			assert.ok(error instanceof CaptionContentError);
			assert.deepEqual(error.problems, [{ kind: 'figure', text: '19.99 €' }]);
			assert.equal(success(result.captions.instagram).attempts, 1);
		});

		it('should keep the other captions when the second request fails', async () => {
			await script([
				{ json: { facebook: FACEBOOK, instagram: TOO_LONG } },
				{ error: { status: 529 } },
			]);
			const result = await writeCaptions(makeCaptionInput(), deps());
			assert.equal(success(result.captions.facebook).attempts, 1);
			const error = failure(result.captions.instagram);
			assert.ok(error instanceof CaptionApiError);
			assert.equal(error.reason, 'overloaded');
			assert.equal(result.calls, 2);
		});
	});

	describe('when Claude cannot be used', () => {
		const ALL: SocialPlatform[] = ['facebook', 'instagram', 'tiktok'];

		it('should return a typed error per platform on 529 after the SDK’s retry, not throw', async () => {
			// retry-after-ms keeps the SDK's wait short; the real API sends retry-after in seconds.
			await fault(anthropicFault(529, { headers: { 'retry-after-ms': '1' } }));
			const result = await writeCaptions(
				makeCaptionInput({ platforms: ALL }),
				deps({ maxRetries: undefined }, t.client({ maxRetries: 1 })),
			);

			const attempts = await t.requests('/v1/messages');
			assert.deepEqual(
				attempts.map((r) => [r.status, r.headers['x-stainless-retry-count']]),
				[
					[529, '0'],
					[529, '1'],
				],
			);
			for (const platform of ALL) {
				const error = failure(result.captions[platform]);
				assert.ok(error instanceof CaptionApiError);
				assert.equal(error.code, 'CAPTION_CLAUDE_UNAVAILABLE');
				assert.equal(error.platform, platform);
				assert.equal(error.reason, 'overloaded');
				assert.equal(error.remoteStatus, 529);
				assert.equal(error.errorType, 'overloaded_error');
				assert.match(error.requestId ?? '', /^req_/);
			}
			assert.equal(
				failure(result.captions.tiktok).message,
				'Claude could not write the TikTok caption (overloaded, HTTP 529 overloaded_error).',
			);
			assert.deepEqual(
				[result.calls, result.inputTokens, result.outputTokens, result.costUsd, result.model],
				[1, 0, 0, 0, TEST_MODEL],
			);
			assert.deepEqual(
				logs.map((l) => [l.level, l.meta?.platform, l.meta?.code, l.meta?.reason]),
				ALL.map((p) => ['warn', p, 'CAPTION_CLAUDE_UNAVAILABLE', 'overloaded']),
			);
		});

		it('should call a 429 after retries rate limited', async () => {
			await fault(anthropicFault(429, { headers: { 'retry-after-ms': '1' } }));
			const result = await writeCaptions(makeCaptionInput(), deps());
			const error = failure(result.captions.facebook);
			assert.ok(error instanceof CaptionApiError);
			assert.deepEqual([error.reason, error.remoteStatus], ['rate_limited', 429]);
		});

		it('should call an attempt that runs out of time a timeout', async () => {
			await fault({ method: 'POST', path: '/v1/messages', delayMs: 2000, times: 1 });
			const result = await writeCaptions(makeCaptionInput(), deps({ timeoutMs: 100 }));
			const error = failure(result.captions.instagram);
			assert.ok(error instanceof CaptionApiError);
			assert.deepEqual([error.reason, error.remoteStatus], ['timeout', null]);
		});

		it('should report a rejected key at error level for the operator', async () => {
			await fault(anthropicFault(401));
			const result = await writeCaptions(makeCaptionInput(), deps());
			const error = failure(result.captions.facebook);
			assert.ok(error instanceof CaptionApiError);
			assert.equal(error.reason, 'configuration_error');
			assert.deepEqual(
				logs.map((l) => l.level),
				['error', 'error'],
			);
		});

		it('should return a typed error per platform on a refusal, still counting the tokens paid for', async () => {
			await script({
				text: 'I can’t help with that.',
				stop_reason: 'refusal',
				stop_details: { type: 'refusal', category: 'general_harms', explanation: null },
			});
			const result = await writeCaptions(makeCaptionInput(), deps());
			for (const platform of ['facebook', 'instagram'] as const) {
				const error = failure(result.captions[platform]);
				assert.ok(error instanceof CaptionAnswerError);
				assert.equal(error.code, 'CAPTION_UNUSABLE_ANSWER');
				assert.deepEqual(
					[error.reason, error.detail],
					['refusal', 'stop_reason refusal (general_harms)'],
				);
			}
			assert.equal(result.calls, 1);
			assert.ok(result.outputTokens > 0);
			assert.ok((result.costUsd ?? 0) > 0);
		});

		it('should return a typed error when the answer breaks the schema', async () => {
			await script({ json: { facebook: FACEBOOK } });
			const result = await writeCaptions(makeCaptionInput(), deps());
			const error = failure(result.captions.instagram);
			assert.ok(error instanceof CaptionAnswerError);
			assert.equal(error.reason, 'invalid_output');
			assert.match(error.detail, /^the answer breaks the schema: instagram: /);
		});
	});

	describe('when the input is bad', () => {
		it('should throw CaptionInputError and not call Claude', async () => {
			await assert.rejects(
				writeCaptions(makeCaptionInput({ platforms: [] }), deps()),
				(error: unknown) =>
					error instanceof CaptionInputError &&
					error.issues.some((issue) => issue.field === 'platforms'),
			);
			assert.deepEqual(await t.requests('/v1/messages'), []);
		});
	});
});
