import { z } from 'zod/v4';

/**
 * Graph's error object, `{ error: { … } }`, with Meta's field names (reference/meta.md §3.5, §5.2).
 * Branch on `code` (and `error_subcode`), never on the message: Meta rewords titles.
 */
export const graphErrorSchema = z.looseObject({
	message: z.string(),
	type: z.string().optional(),
	code: z.number().int(),
	error_subcode: z.number().int().optional(),
	error_data: z.unknown().optional(),
	fbtrace_id: z.string().optional(),
	is_transient: z.boolean().optional(),
	error_user_title: z.string().optional(),
	error_user_msg: z.string().optional(),
});
export type GraphError = z.infer<typeof graphErrorSchema>;

export const graphErrorBodySchema = z.object({ error: graphErrorSchema });

/** The Graph error in a response body, or null when the body is no Graph envelope (a proxy page). */
export function graphErrorOf(body: unknown): GraphError | null {
	const parsed = graphErrorBodySchema.safeParse(body);
	return parsed.success ? parsed.data.error : null;
}
