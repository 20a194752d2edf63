// What writeCaptions takes: one promotion, the business it speaks for, the platforms to write for.
import { z } from 'zod/v4';
import { businessInfoSchema, promotionSchema } from '../content/schemas.ts';
import { inputIssues } from '../common/input-issues.ts';
import { CaptionInputError } from './caption-input-error.ts';
import { SOCIAL_PLATFORMS } from './platforms.ts';

/** The parts of BusinessInfo a caption needs; a whole BusinessInfo fits. */
export const captionBusinessSchema = businessInfoSchema.pick({
	name: true,
	timeZone: true,
	toneOfVoice: true,
});

export const captionInputSchema = z.object({
	promotion: promotionSchema,
	business: captionBusinessSchema,
	/** In the order given; a repeat is dropped. */
	platforms: z
		.array(z.enum(SOCIAL_PLATFORMS))
		.min(1)
		.transform((platforms) => [...new Set(platforms)]),
	/** BCP 47 tag, e.g. "es" or "pt-BR"; unset: the language the promotion is written in. */
	language: z
		.string()
		.regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 language tag such as "es" or "pt-BR"')
		.optional(),
});
export type CaptionInputData = z.input<typeof captionInputSchema>;
export type CaptionInput = z.output<typeof captionInputSchema>;

/** Throws CaptionInputError naming every bad field. */
export function parseCaptionInput(input: unknown): CaptionInput {
	const result = captionInputSchema.safeParse(input);
	if (!result.success) throw new CaptionInputError(inputIssues(result.error));
	return result.data;
}
