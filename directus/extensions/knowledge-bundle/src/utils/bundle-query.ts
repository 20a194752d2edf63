import { z } from 'zod/v4';

/** The request: a department key in the path, optionally ?language=es to keep one FAQ language. */
export const bundleQuerySchema = z.object({
	department: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a department key such as "sales"'),
	language: z
		.string()
		.regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, 'a language code such as "en" or "es"')
		.optional(),
});
export type BundleQuery = z.infer<typeof bundleQuerySchema>;

/** The parsed query, or a reason naming the parameter. */
export function parseBundleQuery(
	params: unknown,
): { ok: true; query: BundleQuery } | { ok: false; reason: string } {
	const result = bundleQuerySchema.safeParse(params);
	if (result.success) return { ok: true, query: result.data };
	const issue = result.error.issues[0]!;
	const name = `"${issue.path.join('.')}"`;
	// A format issue carries what is expected ("a department key such as …"); others say what is wrong.
	const reason =
		issue.code === 'invalid_format'
			? `${name} must be ${issue.message}`
			: `${name}: ${issue.message}`;
	return { ok: false, reason };
}
