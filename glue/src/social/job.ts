// One promotion's post in one slot, as it travels through workflow 02: what findDuePosts emits,
// with the captions the Caption Writer added. Validated where publishDuePost takes it.
import { z } from 'zod/v4';
import { SOCIAL_PLATFORMS, type SocialPlatform } from '../captions/platforms.ts';
import { promotionSchema, timeZoneSchema } from '../content/schemas.ts';
import { parseSocial } from './social-input-error.ts';

const platform = z.enum(SOCIAL_PLATFORMS);

/** A Caption Writer outcome for one platform (its `captions.<platform>`). */
export const captionResultSchema = z.union([
	z.looseObject({ ok: z.literal(true), text: z.string().trim().min(1) }),
	z.looseObject({ ok: z.literal(false), error: z.string().min(1), code: z.string().min(1) }),
]);
export type CaptionResult = z.output<typeof captionResultSchema>;

export const postJobSchema = z.looseObject({
	promotion: promotionSchema,
	/** The slot's instant, ISO 8601. */
	slot: z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
	/** "mon 09:00" or "launch", for people reading the e-mail and the execution. */
	slotLabel: z.string().default('slot'),
	/** The platforms to post in this run: due, and not yet claimed when the run was planned. */
	platforms: z
		.array(platform)
		.min(1)
		.transform((platforms) => [...new Set(platforms)]),
	// The Caption Writer's `captions`: one outcome per platform, beside its `usage`.
	captions: z
		.looseObject({
			facebook: captionResultSchema.optional(),
			instagram: captionResultSchema.optional(),
			tiktok: captionResultSchema.optional(),
		})
		.default({}),
	business: z.looseObject({ name: z.string(), timeZone: timeZoneSchema }).optional(),
});
export type PostJob = z.output<typeof postJobSchema>;
export type PostJobInput = z.input<typeof postJobSchema>;

export function parsePostJob(input: unknown): PostJob {
	return parseSocial(postJobSchema, input, 'post job');
}

export type { SocialPlatform };
