// The second half of a TikTok slot: publishToPlatform claimed it and wrote the e-mail, n8n's Send
// Email node sent it (or not); this completes the claim and logs the attempt as "emailed" or
// "failed". Repeating it changes nothing: the claim completes once, so a repeat is neither
// recorded nor logged again (its `recordError` says "already recorded").
import { z } from 'zod/v4';
import { emailOutcomeOf } from './handoff.ts';
import { outcomeBase, type PlatformOutcome } from './outcome.ts';
import { recordAttempt, type RecordDeps } from './record-attempt.ts';
import { parseSocial } from './social-input-error.ts';

/** The hand-off item publishDuePost output for TikTok; its claim's key is worked out again. */
export const handoffOutcomeSchema = z.looseObject({
	promotionId: z.string().min(1),
	promotionTitle: z.string(),
	platform: z.literal('tiktok'),
	slot: z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
	slotLabel: z.string().default('slot'),
	status: z.literal('handoff'),
	caption: z.string().nullable().default(null),
});

export async function recordHandoff(
	handoff: unknown,
	emailResult: unknown,
	deps: RecordDeps,
): Promise<PlatformOutcome> {
	const item = parseSocial(handoffOutcomeSchema, handoff, 'TikTok hand-off');
	const email = emailOutcomeOf(emailResult);
	const base = outcomeBase(item, 'tiktok', item.caption);
	if (email.ok) {
		return await recordAttempt(
			{ ...base, status: 'emailed', postId: email.messageId },
			'emailed',
			deps,
		);
	}
	return await recordAttempt(
		{ ...base, status: 'failed', errorCode: 'EMAIL_FAILED', errorMessage: email.message },
		'failed',
		deps,
	);
}
