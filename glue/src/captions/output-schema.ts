// What Claude returns: one caption per platform asked for. This schema is the source of truth: the
// JSON schema sent as `output_config.format` is generated from it and every answer is checked
// against it. It carries no length limits on purpose: an answer over a limit must still parse, so
// that the check in code can name the limit and ask once more.
import { z } from 'zod/v4';
import type { SocialPlatform } from './platforms.ts';

// The descriptions travel with the JSON schema, so they are the field guide Claude reads. Fresh
// field schemas per platform: a shared instance would be sent as a $ref into $defs.
const draftFields = () => ({
	caption: z.string().describe('The caption as posted, without the hashtags.'),
	hashtags: z
		.array(z.string())
		.describe('Hashtags for the post, without the # sign, e.g. ["BlackFriday", "Fibre"].'),
});

export const captionDraftSchema = z.object(draftFields());
export type CaptionDraft = z.infer<typeof captionDraftSchema>;

export const facebookDraftSchema = z.object({
	...draftFields(),
	link_included: z.boolean().describe("Whether the caption contains the promotion's link."),
});
export type FacebookDraft = z.infer<typeof facebookDraftSchema>;

export const captionsOutputSchema = z
	.object({
		facebook: facebookDraftSchema,
		instagram: z.object(draftFields()),
		tiktok: z.object(draftFields()),
	})
	.partial();
export type CaptionsOutput = z.infer<typeof captionsOutputSchema>;

/** The schema for one request: exactly the platforms asked for, each required. */
export function captionsOutputSchemaFor(
	platforms: readonly SocialPlatform[],
): z.ZodType<CaptionsOutput> {
	if (platforms.length === 0) throw new RangeError('captions: at least one platform is needed');
	const wanted = new Set(platforms);
	return captionsOutputSchema.required().pick({
		facebook: wanted.has('facebook') || undefined,
		instagram: wanted.has('instagram') || undefined,
		tiktok: wanted.has('tiktok') || undefined,
	});
}
