// The `output_config.format` for messages.parse: zodOutputFormat's JSON schema, with a parse step
// that reports a bad answer instead of throwing, as the triage's does: the SDK's own parse throws
// and so loses the message, whose stop_reason and usage (we paid for it) we need.
import type { AutoParseableOutputFormat } from '@anthropic-ai/sdk';
import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';
import type { z } from 'zod/v4';
import { type CaptionsOutput, captionsOutputSchemaFor } from './output-schema.ts';
import type { SocialPlatform } from './platforms.ts';

export type CaptionsCheck = { ok: true; output: CaptionsOutput } | { ok: false; problem: string };

function describeIssues(error: z.ZodError): string {
	return error.issues
		.slice(0, 5)
		.map((issue) => `${issue.path.map(String).join('.') || '(output)'}: ${issue.message}`)
		.join('; ');
}

/** Validates Claude's text against the schema; never throws. */
export function checkCaptionsOutput(
	text: string,
	schema: z.ZodType<CaptionsOutput>,
): CaptionsCheck {
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		// JSON.parse's message quotes the text; keep captions out of logs and errors.
		return { ok: false, problem: `the answer is not JSON (${text.length} characters)` };
	}
	const result = schema.safeParse(raw);
	return result.success
		? { ok: true, output: result.data }
		: { ok: false, problem: `the answer breaks the schema: ${describeIssues(result.error)}` };
}

export function captionsOutputFormat(
	platforms: readonly SocialPlatform[],
): AutoParseableOutputFormat<CaptionsCheck> {
	const schema = captionsOutputSchemaFor(platforms);
	const wire = zodOutputFormat(schema);
	return {
		type: wire.type,
		schema: wire.schema,
		parse: (text) => checkCaptionsOutput(text, schema),
	};
}
