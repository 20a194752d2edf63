import Anthropic from '@anthropic-ai/sdk';
import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { z } from 'zod/v4';
import { longFaq, startSimulator, type TestSimulator } from '../testing.ts';

const Triage = z.object({
	intent: z.enum(['order_status', 'refund', 'complaint', 'other']),
	department: z.enum(['billing', 'shipping', 'tech', 'sales', 'other']),
	sentiment: z.enum(['negative', 'neutral', 'positive']),
	language: z.string(),
	confidence: z.number().min(0).max(1),
	suggested_reply: z.string().max(200),
	kb_refs: z.array(z.string()),
});

const triageRequest = (text: string) => ({
	model: 'claude-haiku-5-5',
	max_tokens: 1024,
	system: longFaq,
	messages: [{ role: 'user' as const, content: text }],
	output_config: { format: zodOutputFormat(Triage) },
});

describe('POST /v1/messages', () => {
	let t: TestSimulator;
	let client: Anthropic;

	before(async () => {
		t = await startSimulator();
		client = t.client();
	});
	after(() => t.server.close());
	beforeEach(() => t.reset());

	describe('plain requests', () => {
		it('should answer a short text about the message with usage and a request id when called through the SDK', async () => {
			const { data, response, request_id } = await client.messages
				.create({
					model: 'claude-sonnet-4-6',
					max_tokens: 200,
					messages: [{ role: 'user', content: 'Is my router shipped yet?' }],
				})
				.withResponse();
			assert.equal(data.type, 'message');
			assert.match(data.id, /^msg_01\w{22}$/);
			assert.equal(data.stop_reason, 'end_turn');
			const [block] = data.content;
			assert.equal(block?.type, 'text');
			assert.match(block.type === 'text' ? block.text : '', /router/);
			assert.ok(data.usage.input_tokens > 0 && data.usage.output_tokens > 0);
			assert.match(request_id ?? '', /^req_011C\w{20}$/);
			assert.equal(response.headers.get('request-id'), request_id);
			assert.equal(response.headers.get('anthropic-ratelimit-requests-remaining'), '3999');
			assert.match(
				response.headers.get('anthropic-ratelimit-input-tokens-reset') ?? '',
				/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
			);
		});

		it('should give the same text for the same request when asked twice', async () => {
			const ask = () =>
				client.messages.create({
					model: 'claude-sonnet-4-6',
					max_tokens: 200,
					system: longFaq,
					messages: [{ role: 'user', content: 'refund please' }],
				});
			assert.deepEqual((await ask()).content, (await ask()).content);
		});

		it('should start with an omitted thinking block when the model thinks adaptively by default', async () => {
			const message = await client.messages.create({
				model: 'claude-haiku-5-5',
				max_tokens: 200,
				messages: [{ role: 'user', content: 'hi' }],
			});
			assert.deepEqual(
				message.content.map((b) => b.type),
				['thinking', 'text'],
			);
			assert.equal(message.content[0]?.type === 'thinking' && message.content[0].thinking, '');
			assert.equal(message.usage.output_tokens_details?.thinking_tokens, 24);
		});

		it('should leave thinking out when the request disables it', async () => {
			const message = await client.messages.create({
				model: 'claude-haiku-5-5',
				max_tokens: 200,
				thinking: { type: 'disabled' },
				messages: [{ role: 'user', content: 'hi' }],
			});
			assert.deepEqual(
				message.content.map((b) => b.type),
				['text'],
			);
		});

		it('should stop at max_tokens when the answer is longer than allowed', async () => {
			const message = await client.messages.create({
				model: 'claude-sonnet-4-6',
				max_tokens: 3,
				system: longFaq,
				messages: [{ role: 'user', content: 'how do refunds work?' }],
			});
			assert.equal(message.stop_reason, 'max_tokens');
			assert.equal(message.content[0]?.type === 'text' && message.content[0].text.length, 12);
		});

		it('should cut the text at a stop sequence when one occurs', async () => {
			const message = await client.messages.create({
				model: 'claude-sonnet-4-6',
				max_tokens: 200,
				stop_sequences: ['refund'],
				messages: [{ role: 'user', content: 'refund please' }],
			});
			assert.equal(message.stop_reason, 'stop_sequence');
			assert.equal(message.stop_sequence, 'refund');
			assert.equal(
				message.content[0]?.type === 'text' && message.content[0].text,
				'You asked about ',
			);
		});
	});

	describe('structured output', () => {
		it('should return JSON the zod schema accepts, chosen by the words of the message, when parsed by the SDK', async () => {
			const message = await client.messages.parse(
				triageRequest('I want my money back, this is terrible. Refund now!'),
			);
			assert.deepEqual(message.parsed_output, {
				intent: 'refund',
				department: 'billing',
				sentiment: 'negative',
				language: 'en',
				confidence: 0.6,
				suggested_reply:
					'Refunds: we refund the full amount within 5 business days after the return arrives.',
				kb_refs: ['faq-refund'],
			});
		});

		it('should pick other labels and the language when the message is about something else', async () => {
			const message = await client.messages.parse(
				triageRequest('Hola, mi router no llegó, ¿dónde está el tracking del envío?'),
			);
			assert.equal(message.parsed_output?.department, 'shipping');
			assert.equal(message.parsed_output?.language, 'es');
			assert.deepEqual(message.parsed_output?.kb_refs, ['faq-shipping']);
		});

		it('should fall back to the neutral labels and a low confidence when nothing in the content matches', async () => {
			const message = await client.messages.parse(triageRequest('zzz qqq'));
			assert.equal(message.parsed_output?.intent, 'other');
			assert.equal(message.parsed_output?.sentiment, 'neutral');
			assert.equal(message.parsed_output?.confidence, 0.4);
			assert.deepEqual(message.parsed_output?.kb_refs, []);
		});

		it('should stream the JSON as text deltas that the SDK assembles into parsed_output', async () => {
			const stream = client.messages.stream(triageRequest('refund please'));
			const deltas: string[] = [];
			stream.on('text', (text) => deltas.push(text));
			const message = await stream.finalMessage();
			assert.ok(deltas.length > 3, `expected several deltas, got ${deltas.length}`);
			assert.equal(message.parsed_output?.intent, 'refund');
			assert.equal(message.stop_reason, 'end_turn');
			// message_delta carries the cumulative count: thinking plus the streamed JSON.
			assert.equal(message.usage.output_tokens, 24 + Math.ceil(deltas.join('').length / 3.5));
		});
	});

	describe('streaming wire format', () => {
		it('should send message_start, a ping after the first block start, deltas, message_delta and message_stop', async () => {
			const stream = await client.messages.create({
				model: 'claude-sonnet-4-6',
				max_tokens: 200,
				stream: true,
				messages: [{ role: 'user', content: 'hello there' }],
			});
			const types: string[] = [];
			for await (const event of stream) types.push(event.type);
			// The SDK hides ping; the raw wire is checked below.
			assert.equal(types[0], 'message_start');
			assert.equal(types[1], 'content_block_start');
			assert.deepEqual(types.slice(-3), ['content_block_stop', 'message_delta', 'message_stop']);

			const raw = await t.post(
				'/v1/messages',
				{
					model: 'claude-sonnet-4-6',
					max_tokens: 200,
					stream: true,
					messages: [{ role: 'user', content: 'hello' }],
				},
				{ authorization: 'Bearer k', 'anthropic-version': '2026-10-21' },
			);
			assert.match(raw.headers.get('content-type') ?? '', /^text\/event-stream/);
			const names = [...(await raw.text()).matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
			assert.deepEqual(names.slice(0, 3), ['message_start', 'content_block_start', 'ping']);
		});
	});

	describe('prompt caching', () => {
		const cached = () =>
			client.messages.create({
				model: 'claude-haiku-5-5',
				max_tokens: 100,
				system: [{ type: 'text', text: longFaq, cache_control: { type: 'ephemeral' } }],
				messages: [{ role: 'user', content: 'refund please' }],
			});

		it('should write the prefix on the first call and read it on the second when cache_control is set', async () => {
			const first = await cached();
			const second = await cached();
			assert.ok(first.usage.cache_creation_input_tokens! > 512);
			assert.equal(first.usage.cache_read_input_tokens, 0);
			assert.equal(
				first.usage.cache_creation?.ephemeral_5m_input_tokens,
				first.usage.cache_creation_input_tokens,
			);
			assert.equal(second.usage.cache_creation_input_tokens, 0);
			assert.equal(second.usage.cache_read_input_tokens, first.usage.cache_creation_input_tokens);
			assert.equal(second.usage.input_tokens, first.usage.input_tokens);
		});

		it('should not cache a prefix shorter than the model minimum', async () => {
			const message = await client.messages.create({
				model: 'claude-haiku-5-5',
				max_tokens: 100,
				system: [{ type: 'text', text: 'Short prompt.', cache_control: { type: 'ephemeral' } }],
				messages: [{ role: 'user', content: 'hi' }],
			});
			assert.equal(message.usage.cache_creation_input_tokens, 0);
			assert.equal(message.usage.cache_read_input_tokens, 0);
		});

		it('should only warm the cache, answering no content, when max_tokens is 0', async () => {
			const warm = await client.messages.create({
				model: 'claude-haiku-5-5',
				max_tokens: 0,
				system: [{ type: 'text', text: longFaq, cache_control: { type: 'ephemeral' } }],
				messages: [{ role: 'user', content: 'refund please' }],
			});
			assert.deepEqual(warm.content, []);
			assert.equal(warm.usage.output_tokens, 0);
			assert.ok((await cached()).usage.cache_read_input_tokens! > 0);
		});

		it('should forget the cache on POST /__sim/reset', async () => {
			await cached();
			await t.reset();
			assert.equal((await cached()).usage.cache_read_input_tokens, 0);
		});
	});

	describe('forced tool use', () => {
		const tools = [
			{
				name: 'record_triage',
				input_schema: {
					type: 'object' as const,
					properties: { intent: { type: 'string', enum: ['refund', 'other'] } },
					required: ['intent'],
				},
			},
		];

		it('should call the named tool with input from its schema when the model allows forced tool use', async () => {
			const message = await client.messages.create({
				model: 'claude-haiku-5-5',
				max_tokens: 200,
				thinking: { type: 'disabled' },
				tools,
				tool_choice: { type: 'tool', name: 'record_triage' },
				messages: [{ role: 'user', content: 'refund please' }],
			});
			assert.equal(message.stop_reason, 'tool_use');
			const [block] = message.content;
			assert.equal(block?.type, 'tool_use');
			assert.deepEqual(block.type === 'tool_use' && block.input, { intent: 'refund' });
			assert.match(block.type === 'tool_use' ? block.id : '', /^toolu_01/);
		});

		it('should stream the tool input as input_json_delta events the SDK reassembles', async () => {
			const stream = client.messages.stream({
				model: 'claude-haiku-5-5',
				max_tokens: 200,
				thinking: { type: 'disabled' },
				tools,
				tool_choice: { type: 'tool', name: 'record_triage' },
				messages: [{ role: 'user', content: 'refund please' }],
			});
			const partials: string[] = [];
			stream.on('inputJson', (partial) => partials.push(partial));
			const message = await stream.finalMessage();
			assert.equal(partials[0], '');
			assert.equal(partials.join(''), '{"intent":"refund"}');
			const [block] = message.content;
			assert.deepEqual(block?.type === 'tool_use' && block.input, { intent: 'refund' });
		});

		it('should reject forced tool use on Sonnet 5.5 as a BadRequestError', async () => {
			await assert.rejects(
				client.messages.create({
					model: 'claude-sonnet-5-5',
					max_tokens: 200,
					thinking: { type: 'disabled' },
					tools,
					tool_choice: { type: 'any' },
					messages: [{ role: 'user', content: 'x' }],
				}),
				(err) =>
					err instanceof Anthropic.BadRequestError && /forced tool use/.test(err.apiMessage ?? ''),
			);
		});

		it('should reject forced tool use while thinking is on with the real message', async () => {
			await assert.rejects(
				client.messages.create({
					model: 'claude-haiku-5-5',
					max_tokens: 200,
					tools,
					tool_choice: { type: 'tool', name: 'record_triage' },
					messages: [{ role: 'user', content: 'x' }],
				}),
				(err) =>
					err instanceof Anthropic.BadRequestError &&
					err.apiMessage === 'Thinking may not be enabled when tool_choice forces tool use.',
			);
		});
	});
});
