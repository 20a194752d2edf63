// The triage against the Anthropic simulator, through the real SDK: what goes on the wire, what
// comes back, and every way Claude can fail ending in the keyword fallback.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { anthropicFault } from '../../../simulators/src/anthropic/faults.ts';
import { messageText } from '../pipeline/message-text.ts';
import { startSimulator, type TestSimulator } from '../../../simulators/src/anthropic/testing.ts';
import { buildTriageRequest } from './build-request.ts';
import type { TriageConfigInput } from './config.ts';
import { TriageInputError } from './errors.ts';
import { parseTriageInput, type TriageInputData } from './input.ts';
import type { TriageOutput } from './output-schema.ts';
import { costUsd } from './pricing.ts';
import {
	FIXED_NOW,
	makeBundle,
	makeConfig,
	makeInput,
	makePromotion,
	steppingClock,
	TEST_MODEL,
	TEST_PRICES,
} from './test-fixtures.ts';
import { triage, type TriageDeps } from './triage.ts';

interface LogLine {
	level: 'warn' | 'error';
	message: string;
	meta?: Record<string, unknown>;
}

function claudeSays(overrides: Partial<TriageOutput> = {}): TriageOutput {
	return {
		intent: 'plan_price',
		department: 'sales',
		urgency: 'low',
		sentiment: 'neutral',
		language: 'en',
		confidence: 0.9,
		needs_human: false,
		handoff_reason: null,
		reply: 'Fibre 300 costs 29,99 € a month.',
		summary: 'Asks for the price of Fibre 300.',
		used_content_ids: ['plan:3'],
		stage: null,
		...overrides,
	};
}

describe('triage', () => {
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

	function deps(config: Partial<TriageConfigInput> = {}, client = t.client()): TriageDeps {
		return {
			client,
			config: makeConfig(config),
			now: steppingClock(),
			logger: {
				warn: (message, meta) => logs.push({ level: 'warn', message, meta }),
				error: (message, meta) => logs.push({ level: 'error', message, meta }),
			},
		};
	}
	const script = (answer: unknown) => t.post('/__sim/script', answer);
	const fault = (body: unknown) => t.post('/__sim/faults', body);
	const outage: Partial<TriageInputData> = {
		newMessages: ['My router shows a red light', 'is there an outage??'],
	};

	describe('when Claude answers', () => {
		it('should send exactly the built request and return Claude’s triage with usage, cost and latency', async () => {
			const input = makeInput({
				history: [
					{ role: 'agent', text: 'Hi, this is Maria from ACME.' },
					{ role: 'customer', text: 'Hello Maria' },
					{ role: 'bot', text: 'How can I help?' },
				],
				newMessages: ['How fast is the Fibre 300 plan?', 'and the upload?'],
				channel: 'whatsapp',
			});
			const result = await triage(input, deps());

			const [request, ...more] = await t.requests('/v1/messages');
			assert.equal(more.length, 0);
			const expected = buildTriageRequest(
				parseTriageInput(input),
				makeConfig(),
				new Date(FIXED_NOW),
			);
			assert.deepEqual(request?.body, JSON.parse(JSON.stringify(expected.params)));
			const body = request?.body as Record<string, unknown> & {
				system: Array<Record<string, unknown>>;
				output_config: {
					format: { type: string; schema: { properties: Record<string, unknown> } };
				};
			};
			assert.equal(body.model, TEST_MODEL);
			assert.equal(body.max_tokens, 1024);
			assert.deepEqual(
				body.system.map((block) => block.cache_control ?? null),
				[
					null,
					{ type: 'ephemeral' },
					{ type: 'ephemeral' },
					{ type: 'ephemeral' },
					{ type: 'ephemeral' },
					null,
				],
			);
			assert.deepEqual(body.messages, [
				{ role: 'user', content: [{ type: 'text', text: '[earlier messages not shown]' }] },
				{
					role: 'assistant',
					content: [{ type: 'text', text: '[agent] Hi, this is Maria from ACME.' }],
				},
				{ role: 'user', content: [{ type: 'text', text: 'Hello Maria' }] },
				{ role: 'assistant', content: [{ type: 'text', text: '[bot] How can I help?' }] },
				{
					role: 'user',
					content: [
						{ type: 'text', text: 'How fast is the Fibre 300 plan?' },
						{ type: 'text', text: 'and the upload?' },
					],
				},
			]);
			assert.equal(body.output_config.format.type, 'json_schema');
			assert.deepEqual(body.output_config.format.schema.properties.department, {
				enum: ['sales', 'billing', 'support'],
				description: 'Key of the department that should handle the message.',
			});
			assert.equal(request?.headers['anthropic-version'], '2026-10-21');
			assert.equal(request?.headers.authorization, 'Bearer sk-ant-test');

			assert.equal(result.source, 'claude');
			assert.equal(result.fallback, null);
			assert.equal(result.model, TEST_MODEL);
			assert.match(result.messageId ?? '', /^msg_/);
			assert.equal(result.stopReason, 'end_turn');
			assert.ok(['sales', 'billing', 'support'].includes(result.output.department));
			assert.deepEqual(result.claudeOutput?.used_content_ids, ['faq:12']);
			assert.equal(result.guard.blocked, false);
			assert.equal(result.output.needs_human, false);
			assert.equal(result.output.reply, result.draft);
			assert.ok(result.draft.length > 0);
			assert.ok(result.inputTokens > 0 && result.outputTokens > 0);
			assert.equal(
				result.costUsd,
				costUsd(
					{
						inputTokens: result.inputTokens,
						outputTokens: result.outputTokens,
						cacheReadTokens: result.cacheReadTokens,
						cacheWriteTokens: result.cacheWriteTokens,
						cacheWrite1hTokens: 0,
					},
					TEST_MODEL,
					TEST_PRICES,
				),
			);
			// The stepping clock moves 250 ms per reading: one before the call, one after.
			assert.equal(result.latencyMs, 250);
			assert.deepEqual(logs, []);
		});

		it('should read the cached prefix on a second call and pay less for it', async () => {
			const first = await triage(makeInput(), deps());
			const second = await triage(makeInput(), deps());
			assert.ok(first.cacheWriteTokens > 0);
			assert.equal(first.cacheReadTokens, 0);
			assert.equal(second.cacheReadTokens, first.cacheWriteTokens);
			assert.equal(second.cacheWriteTokens, 0);
			assert.ok((second.costUsd ?? Infinity) < (first.costUsd ?? 0));

			// A new promotion only rewrites the last block: business, FAQ and plans are still read.
			const changed = makeInput({
				bundle: makeBundle({ promotions: [makePromotion({ id: '8', title: 'Cyber Monday' })] }),
			});
			const third = await triage(changed, deps());
			assert.ok(third.cacheReadTokens > 0 && third.cacheReadTokens < first.cacheWriteTokens);
			assert.ok(third.cacheWriteTokens > 0);
		});

		it('should hold a reply back when it states a price no cited record contains', async () => {
			const said = claudeSays({ reply: 'Fibre 300 costs 19.99 € a month.' });
			await script({ json: said });
			const result = await triage(makeInput(), deps());
			assert.equal(result.source, 'claude');
			assert.deepEqual(result.guard, {
				blocked: true,
				reason:
					'Held back by the guard: the reply states "19.99 €", which no cited record contains.',
				offending: [{ kind: 'money', text: '19.99 €' }],
			});
			assert.equal(result.output.needs_human, true);
			assert.equal(result.output.reply, '');
			assert.equal(result.output.handoff_reason, result.guard.blocked ? result.guard.reason : '');
			assert.equal(result.draft, 'Fibre 300 costs 19.99 € a month.');
			assert.deepEqual(result.claudeOutput, said);
			assert.deepEqual(
				logs.map((l) => [l.level, l.message, l.meta?.offending]),
				[['warn', 'triage: guard held the reply back', ['money']]],
			);
		});

		it('should send a grounded reply with the price written differently from the record', async () => {
			await script({ json: claudeSays() });
			const result = await triage(makeInput(), deps());
			assert.equal(result.guard.blocked, false);
			assert.equal(result.output.reply, 'Fibre 300 costs 29,99 € a month.');
			assert.equal(result.output.needs_human, false);
		});

		it('should hold back a reply citing a record that was not offered', async () => {
			await script({ json: claudeSays({ reply: 'Yes.', used_content_ids: ['faq:99'] }) });
			const result = await triage(makeInput(), deps());
			assert.deepEqual(result.guard.blocked && result.guard.offending, [
				{ kind: 'content_id', text: 'faq:99' },
			]);
			assert.equal(result.output.needs_human, true);
		});

		it('should keep the text of a hand-off Claude asked for as the draft only', async () => {
			await script({
				json: claudeSays({
					department: 'billing',
					needs_human: true,
					handoff_reason: 'This belongs to billing.',
					reply: 'I am passing you to Billing.',
					used_content_ids: [],
				}),
			});
			const result = await triage(makeInput(), deps());
			assert.equal(result.source, 'claude');
			assert.equal(result.output.department, 'billing');
			assert.equal(result.output.needs_human, true);
			assert.equal(result.output.handoff_reason, 'This belongs to billing.');
			assert.equal(result.output.reply, '');
			assert.equal(result.draft, 'I am passing you to Billing.');
		});
		it('should hand off when Claude neither replies nor asks for a human', async () => {
			await script({ json: claudeSays({ reply: '', used_content_ids: [] }) });
			const result = await triage(makeInput(), deps());
			assert.equal(result.source, 'claude');
			assert.equal(result.output.needs_human, true);
			assert.equal(result.output.handoff_reason, 'Claude gave no reply.');
		});

		it('should give a hand-off without a reason a generic one', async () => {
			await script({ json: claudeSays({ needs_human: true, handoff_reason: null }) });
			const result = await triage(makeInput(), deps());
			assert.equal(
				result.output.handoff_reason,
				'Claude asked for a human without giving a reason.',
			);
			assert.equal(result.output.reply, '');
			assert.equal(result.draft, 'Fibre 300 costs 29,99 € a month.');
		});
	});

	describe('when Claude cannot be used', () => {
		function assertFallback(result: Awaited<ReturnType<typeof triage>>) {
			assert.equal(result.source, 'fallback');
			assert.equal(result.output.needs_human, true);
			assert.equal(result.output.reply, '');
			assert.equal(result.output.confidence, 0);
			assert.equal(result.draft, '');
			assert.equal(result.claudeOutput, null);
			assert.match(result.output.handoff_reason ?? '', /^Automatic triage unavailable: /);
		}

		it('should fall back on a refusal, still counting the tokens paid for', async () => {
			await script({
				text: 'I can’t help with that.',
				stop_reason: 'refusal',
				stop_details: { type: 'refusal', category: 'general_harms', explanation: null },
			});
			const result = await triage(makeInput(), deps());
			assertFallback(result);
			assert.deepEqual(result.fallback, {
				reason: 'refusal',
				status: 200,
				errorType: null,
				requestId: null,
				message: 'stop_reason refusal (general_harms)',
			});
			assert.equal(
				result.output.handoff_reason,
				'Automatic triage unavailable: Claude declined to answer this message.',
			);
			assert.equal(result.stopReason, 'refusal');
			assert.ok(result.outputTokens > 0);
			assert.ok((result.costUsd ?? 0) > 0);
		});

		it('should fall back on 529 after the SDK’s retry, routing and grading by keywords', async () => {
			// retry-after-ms keeps the SDK's wait short; the real API sends retry-after in seconds.
			await fault(anthropicFault(529, { headers: { 'retry-after-ms': '1' } }));
			const result = await triage(
				makeInput(outage),
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
			assertFallback(result);
			assert.equal(result.fallback?.reason, 'overloaded');
			assert.equal(result.fallback?.status, 529);
			assert.equal(result.fallback?.errorType, 'overloaded_error');
			assert.match(result.fallback?.requestId ?? '', /^req_/);
			assert.equal(result.output.department, 'support');
			assert.equal(result.output.urgency, 'critical');
			assert.equal(result.output.language, 'en');
			assert.equal(
				result.output.summary,
				'Keyword triage: routed to Technical support by keywords "router", "outage"; ' +
					'urgent words "outage", "red light".',
			);
			assert.deepEqual(
				[result.inputTokens, result.outputTokens, result.costUsd, result.model],
				[0, 0, 0, TEST_MODEL],
			);
			assert.deepEqual(logs, [
				{
					level: 'warn',
					message: 'triage: Claude unusable, fell back to keyword rules',
					meta: {
						reason: 'overloaded',
						status: 529,
						errorType: 'overloaded_error',
						requestId: result.fallback?.requestId,
						model: TEST_MODEL,
					},
				},
			]);
		});

		it('should fall back on 429 once the retries are spent', async () => {
			await fault(anthropicFault(429, { headers: { 'retry-after-ms': '1' } }));
			const result = await triage(makeInput(), deps());
			assertFallback(result);
			assert.equal(result.fallback?.reason, 'rate_limited');
		});

		it('should fall back when the answer breaks the schema', async () => {
			await script({ json: claudeSays({ department: 'marketing' }) });
			const result = await triage(makeInput(), deps());
			assertFallback(result);
			assert.equal(result.fallback?.reason, 'invalid_output');
			assert.match(result.fallback?.message ?? '', /^the answer breaks the schema: department: /);
			assert.equal(result.stopReason, 'end_turn');
			assert.ok(result.outputTokens > 0);
		});

		it('should fall back when the answer is not JSON at all', async () => {
			await script({ text: 'Sure! The plan is great.' });
			const result = await triage(makeInput(), deps());
			assert.equal(result.fallback?.reason, 'invalid_output');
			assert.equal(result.fallback?.message, 'the answer is not JSON (24 characters)');
		});

		it('should fall back when the answer is cut off at max_tokens', async () => {
			const result = await triage(makeInput(), deps({ maxTokens: 40 }));
			assertFallback(result);
			assert.equal(result.stopReason, 'max_tokens');
			assert.equal(result.fallback?.reason, 'max_tokens');
			assert.equal(result.fallback?.message, 'stop_reason max_tokens with max_tokens 40');
		});

		it('should fall back on a timeout', async () => {
			await fault({ method: 'POST', path: '/v1/messages', delayMs: 3000, times: 1 });
			const result = await triage(makeInput(outage), deps({ timeoutMs: 100, maxRetries: 0 }));
			assertFallback(result);
			assert.deepEqual(
				[result.fallback?.reason, result.fallback?.status, result.output.urgency],
				['timeout', null, 'critical'],
			);
		});

		it('should fall back on a rejected key and report it at error level for the operator', async () => {
			await fault(anthropicFault(401));
			const result = await triage(makeInput(), deps());
			assertFallback(result);
			assert.equal(result.fallback?.reason, 'configuration_error');
			assert.equal(result.fallback?.status, 401);
			assert.equal(result.fallback?.errorType, 'authentication_error');
			assert.equal(
				result.output.handoff_reason,
				'Automatic triage unavailable: the Claude API rejected the request (HTTP 401 authentication_error); an operator must fix the configuration.',
			);
			assert.deepEqual(
				logs.map((l) => [l.level, l.meta?.reason, l.meta?.status]),
				[['error', 'configuration_error', 401]],
			);
		});

		it('should fall back on an unknown model id (404) as a configuration error', async () => {
			const config = {
				model: 'claude-nonexistent-9',
				prices: { 'claude-nonexistent-9': TEST_PRICES[TEST_MODEL] },
			};
			const result = await triage(makeInput(), deps(config));
			assert.equal(result.fallback?.reason, 'configuration_error');
			assert.equal(result.fallback?.status, 404);
			assert.equal(result.model, 'claude-nonexistent-9');
		});

		it('should keep customer text out of the logs', async () => {
			await fault(anthropicFault(500));
			await triage(makeInput({ newMessages: ['my secret order 98765'] }), deps());
			assert.equal(logs.length, 1);
			assert.doesNotMatch(JSON.stringify(logs), /secret|98765/);
		});
	});

	describe('when the customer sends only an attachment', () => {
		// What the gateway forwards for a WhatsApp photo without a caption, and for a PDF whose file
		// name happens to be a billing keyword.
		const photo = {
			content: null,
			contentType: 'text',
			attachments: [
				{
					file_type: 'image',
					extension: 'jpg',
					content_type: 'image/jpeg',
					data_url:
						'https://chat.example.com/rails/active_storage/blobs/redirect/eyJ--abc/error.jpg',
					file_size: 183_422,
					width: 1080,
					height: 1440,
				},
			],
		};
		const invoice = {
			content: null,
			attachments: [
				{ file_type: 'file', content_type: 'application/pdf', data_url: 'https://x/y/factura.pdf' },
			],
		};

		it('should send Claude a description of the photo as the customer turn', async () => {
			await script({
				json: claudeSays({
					intent: 'technical_issue',
					needs_human: true,
					reply: '',
					handoff_reason: 'The customer sent a screenshot; an agent should look at it.',
					used_content_ids: [],
				}),
			});
			const result = await triage(makeInput({ newMessages: [messageText(photo)] }), deps());

			const [request] = await t.requests('/v1/messages');
			const body = request?.body as { messages: unknown[] };
			assert.deepEqual(body.messages, [
				{
					role: 'user',
					content: [
						{ type: 'text', text: '[The customer sent a photo (error.jpg, 1080×1440, 179 KB)]' },
					],
				},
			]);
			assert.doesNotMatch(JSON.stringify(body), /active_storage|eyJ--abc/);
			assert.equal(result.source, 'claude');
			assert.equal(result.output.intent, 'technical_issue');
			assert.equal(result.output.needs_human, true);
		});

		it('should hand off by keyword rules when Claude is down, not routed by the file name', async () => {
			await fault(anthropicFault(529, { headers: { 'retry-after-ms': '1' } }));
			const result = await triage(
				makeInput({ newMessages: [messageText(invoice)] }),
				deps({ maxRetries: undefined }, t.client({ maxRetries: 0 })),
			);

			assert.equal(result.source, 'fallback');
			assert.equal(result.output.needs_human, true);
			assert.equal(result.output.reply, '');
			assert.equal(result.output.department, 'sales');
			assert.equal(result.output.urgency, 'medium');
			assert.equal(
				result.output.summary,
				'Keyword triage: no department keyword matched, kept in Sales.',
			);
		});
	});

	describe('when the input is bad', () => {
		it('should throw TriageInputError and not call Claude', async () => {
			await assert.rejects(
				triage(makeInput({ newMessages: ['  '] }), deps()),
				(error: unknown) =>
					error instanceof TriageInputError &&
					error.issues.some((issue) => issue.field === 'newMessages'),
			);
			assert.deepEqual(await t.requests('/v1/messages'), []);
		});
	});
});
