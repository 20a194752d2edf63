// The `output_config.format` for messages.parse: zodOutputFormat's JSON schema, with a parse step
// that reports a bad answer instead of throwing. The SDK's own parse throws AnthropicError and so
// loses the message, whose stop_reason (refusal, max_tokens) and usage (we paid for it) we need.
import type { AutoParseableOutputFormat } from '@anthropic-ai/sdk';
import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';
import type { z } from 'zod/v4';
import { triageOutputSchemaFor, type TriageOutput } from './output-schema.ts';

export type OutputCheck = { ok: true; output: TriageOutput } | { ok: false; problem: string };

function fold(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase();
}

// Harmless spelling differences that should not cost a triage: "Plan Price" for "plan_price",
// "es-MX" for "es", "[faq:1]" for "faq:1", a summary that wrapped onto two lines.
function normalise(value: unknown): unknown {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
	const out: Record<string, unknown> = { ...value };
	if (typeof out.intent === 'string') {
		out.intent = fold(out.intent)
			.replace(/[^a-z0-9]+/g, '_')
			.replace(/^_+|_+$/g, '');
	}
	if (typeof out.department === 'string') out.department = out.department.trim().toLowerCase();
	if (typeof out.language === 'string') {
		out.language = out.language.trim().toLowerCase().split(/[-_]/)[0];
	}
	if (typeof out.summary === 'string') out.summary = out.summary.replace(/\s+/g, ' ').trim();
	if (typeof out.reply === 'string') out.reply = out.reply.trim();
	if (Array.isArray(out.used_content_ids)) {
		const ids = out.used_content_ids.map((id: unknown) =>
			typeof id === 'string' ? id.trim().replace(/^\[(.*)\]$/, '$1') : id,
		);
		out.used_content_ids = [...new Set(ids)];
	}
	return out;
}

function describeIssues(error: z.ZodError): string {
	return error.issues
		.slice(0, 5)
		.map((issue) => `${issue.path.map(String).join('.') || '(output)'}: ${issue.message}`)
		.join('; ');
}

/** Validates Claude's text against the schema; never throws. */
export function checkTriageOutput(text: string, schema: z.ZodType<TriageOutput>): OutputCheck {
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		// JSON.parse's message quotes the text, which may echo the customer; keep it out.
		return { ok: false, problem: `the answer is not JSON (${text.length} characters)` };
	}
	const result = schema.safeParse(normalise(raw));
	return result.success
		? { ok: true, output: result.data }
		: { ok: false, problem: `the answer breaks the schema: ${describeIssues(result.error)}` };
}

export function triageOutputFormat(
	departmentKeys: readonly string[],
): AutoParseableOutputFormat<OutputCheck> {
	const schema = triageOutputSchemaFor(departmentKeys);
	const wire = zodOutputFormat(schema);
	return {
		type: wire.type,
		schema: wire.schema,
		parse: (text) => checkTriageOutput(text, schema),
	};
}
