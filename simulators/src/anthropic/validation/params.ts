import { z } from 'zod/v4';
import type { ApiVersion } from '../http/auth.ts';
import { describeIssues } from './issues.ts';

// Request bodies as SDK 1.12 types them (resources/messages/messages.ts, MessageCreateParamsBase).
// Top-level objects are strict because the real API answers "<field>: Extra inputs are not permitted";
// nested blocks stay loose where the simulator has no rule of its own to apply.

export const cacheControlSchema = z.strictObject({
	type: z.literal('ephemeral'),
	ttl: z.enum(['5m', '1h']).optional(),
});
export type CacheControl = z.infer<typeof cacheControlSchema>;

const contentBlockSchema = z
	.looseObject({
		type: z.string(),
		text: z.unknown().optional(),
		cache_control: cacheControlSchema.nullish(),
	})
	.superRefine((block, ctx) => {
		if (block.type === 'text' && typeof block.text !== 'string') {
			ctx.addIssue({
				code: 'custom',
				path: ['text'],
				message: block.text === undefined ? 'Field required' : 'Input should be a valid string',
			});
		}
	});
export type ContentBlockParam = z.infer<typeof contentBlockSchema>;

const textBlockSchema = z.looseObject({
	type: z.literal('text'),
	text: z.string(),
	cache_control: cacheControlSchema.nullish(),
});

const contentSchema = z.union([z.string(), z.array(contentBlockSchema)]);

function messageSchema(roles: readonly [string, ...string[]]) {
	return z.strictObject({ role: z.enum(roles), content: contentSchema });
}

const toolSchema = z
	.looseObject({
		name: z.string().min(1),
		type: z.string().optional(),
		description: z.string().optional(),
		input_schema: z.looseObject({ type: z.literal('object') }).optional(),
		cache_control: cacheControlSchema.nullish(),
	})
	.superRefine((tool, ctx) => {
		// Server tools (web_search_…) carry a versioned `type` and no schema; custom tools need one.
		if ((tool.type === undefined || tool.type === 'custom') && tool.input_schema === undefined) {
			ctx.addIssue({ code: 'custom', path: ['input_schema'], message: 'Field required' });
		}
	});
export type ToolParam = z.infer<typeof toolSchema>;

const toolChoiceSchema = z.discriminatedUnion('type', [
	z.strictObject({ type: z.literal('auto'), disable_parallel_tool_use: z.boolean().optional() }),
	z.strictObject({ type: z.literal('any'), disable_parallel_tool_use: z.boolean().optional() }),
	z.strictObject({
		type: z.literal('tool'),
		name: z.string(),
		disable_parallel_tool_use: z.boolean().optional(),
	}),
	z.strictObject({ type: z.literal('none') }),
]);

const thinkingSchema = z.discriminatedUnion('type', [
	z.strictObject({
		type: z.literal('adaptive'),
		display: z.enum(['summarized', 'omitted']).nullish(),
	}),
	z.strictObject({ type: z.literal('disabled') }),
	z.strictObject({ type: z.literal('enabled'), budget_tokens: z.number().int().min(1024) }),
	z.strictObject({ type: z.literal('between_tools') }),
]);

const outputConfigSchema = z.strictObject({
	effort: z.enum(['low', 'medium', 'high', 'xhigh', 'max']).nullish(),
	format: z
		.strictObject({ type: z.literal('json_schema'), schema: z.record(z.string(), z.unknown()) })
		.nullish(),
});

const promptFields = {
	model: z.string(),
	messages: z
		.array(messageSchema(['user', 'assistant', 'system']))
		.refine((m) => m.length > 0, 'at least one message is required'),
	system: z.union([z.string(), z.array(textBlockSchema)]).optional(),
	tools: z.array(toolSchema).optional(),
	tool_choice: toolChoiceSchema.optional(),
	thinking: thinkingSchema.optional(),
	output_config: outputConfigSchema.optional(),
	cache_control: cacheControlSchema.nullish(),
	speed: z.enum(['standard', 'fast']).nullish(),
};

const createFields = {
	...promptFields,
	max_tokens: z.number().int().min(0),
	stream: z.boolean().optional(),
	stop_sequences: z.array(z.string()).optional(),
	metadata: z.strictObject({ user_id: z.string().max(256).nullish() }).optional(),
	service_tier: z.enum(['auto', 'standard_only']).optional(),
	inference_geo: z.string().nullish(),
	diagnostics: z.looseObject({ previous_message_id: z.string().nullish() }).nullish(),
	container: z.unknown().optional(),
};

// 2023-06-01 still takes the sampling parameters and knows no `system` role inside `messages`.
const legacyCreateFields = {
	...createFields,
	messages: z
		.array(messageSchema(['user', 'assistant']))
		.refine((m) => m.length > 0, 'at least one message is required'),
	temperature: z.number().min(0).max(1).optional(),
	top_p: z.number().min(0).max(1).optional(),
	top_k: z.number().int().min(0).optional(),
};

const createSchema = z.strictObject(createFields);
const legacyCreateSchema = z.strictObject(legacyCreateFields);
const countTokensSchema = z.strictObject(promptFields);

export type MessageCreateParams = z.infer<typeof createSchema>;
export type CountTokensParams = z.infer<typeof countTokensSchema>;
/** What a prompt is made of: shared by messages, count_tokens and batch requests. */
export type PromptParams = CountTokensParams;

const batchCreateSchema = z.strictObject({
	requests: z
		.array(
			z.strictObject({
				custom_id: z
					.string()
					.regex(/^[a-zA-Z0-9_-]{1,64}$/, 'String should match pattern ^[a-zA-Z0-9_-]{1,64}$'),
				params: z.record(z.string(), z.unknown()),
			}),
		)
		.min(1)
		.max(100_000),
});

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function parseWith<T>(schema: z.ZodType<T>, body: unknown): Parsed<T> {
	if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
		return { ok: false, message: 'The request body must be a JSON object' };
	}
	// The input is needed to tell "Field required" from a wrong type.
	const result = schema.safeParse(body, { reportInput: true });
	return result.success
		? { ok: true, value: result.data }
		: { ok: false, message: describeIssues(result.error.issues) };
}

/**
 * Parses a Messages body under the given API version. Beta calls (`?beta=true`, sent by
 * `client.beta.*`) may carry beta-only fields, so they are not held to the strict field list.
 */
export function parseCreateParams(
	body: unknown,
	version: ApiVersion,
	beta: boolean,
): Parsed<MessageCreateParams> {
	const schema = version === '2023-06-01' ? legacyCreateSchema : createSchema;
	return parseWith<MessageCreateParams>(beta ? schema.loose() : schema, body);
}

export function parseCountTokensParams(body: unknown, beta: boolean): Parsed<CountTokensParams> {
	return parseWith<CountTokensParams>(beta ? countTokensSchema.loose() : countTokensSchema, body);
}

export type BatchCreateParams = z.infer<typeof batchCreateSchema>;

export function parseBatchCreateParams(body: unknown): Parsed<BatchCreateParams> {
	return parseWith(batchCreateSchema, body);
}
