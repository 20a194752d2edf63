// The preview's query string: a lead (a contact Directus knows) or a contact typed in, and how to
// answer. Nothing given: every variable shows its sample.
import { z } from 'zod/v4';

const text = z
	.string()
	.trim()
	.max(200)
	.optional()
	.transform((value) => (value === '' ? undefined : value));

export const previewQuerySchema = z.object({
	/** A leads record: its contact's name and phone, and its department. */
	lead: z.coerce.number().int().positive().optional(),
	name: text,
	phone: text,
	/** The contact's language (e.g. es-MX), which Intl formats dates and prices in. */
	language: text,
	/** A department key, when no lead gives one. */
	department: text,
	format: z.enum(['json', 'html']).default('json'),
});
export type PreviewQuery = z.output<typeof previewQuerySchema>;

/** Zod's issues as one reason for InvalidQueryError, naming each parameter. */
export function queryReason(error: z.ZodError): string {
	return error.issues
		.map((issue) => `${issue.path.join('.') || 'query'}: ${issue.message}`)
		.join('; ');
}
