// What started a run of the auto-poster: the schedule (or an operator asking for a check as of a
// given time), or Directus telling that a promotion was published or changed.
import { z } from 'zod/v4';
import { parseSocial, SocialInputError } from './social-input-error.ts';

export const PROMOTION_EVENTS = ['promotion.published', 'promotion.changed'] as const;

const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const promotionId = z.union([z.string().trim().min(1), z.int().positive().transform(String)]);

/** The body the Directus hook posts (header X-Switchboard-Secret). */
export const promotionEventSchema = z.object({
	event: z.enum(PROMOTION_EVENTS),
	promotionId,
	/** The promotion's status after the change, as the hook saw it; Directus is asked again anyway. */
	status: z.string().optional(),
	/** When it happened. */
	at: instant.optional(),
});

/** A schedule tick ({}), or a check as of an earlier time ({at}), e.g. to post a missed slot. */
export const scheduleCheckSchema = z.object({ at: instant.optional() });

export type RunTrigger =
	| { kind: 'schedule'; at: Date | null }
	| { kind: 'published'; promotionId: string }
	| { kind: 'changed'; promotionId: string };

// A clock a few seconds ahead of this one must not make an operator's "now" look like the future.
const CLOCK_SKEW_MS = 60_000;

/**
 * Reads a run's trigger: anything with an `event` is a promotion event, anything else a schedule
 * check. Throws SocialInputError naming the bad field; a check as of a future time is refused,
 * because posting a slot early would use up its key before it is due.
 */
export function parseRunTrigger(input: unknown, now: number): RunTrigger {
	const body = input ?? {};
	if (typeof body !== 'object' || Array.isArray(body)) {
		throw new SocialInputError('run trigger', [{ field: '(input)', message: 'is not an object' }]);
	}
	if ('event' in body) {
		const event = parseSocial(promotionEventSchema, body, 'promotion event');
		const kind = event.event === 'promotion.published' ? 'published' : 'changed';
		return { kind, promotionId: event.promotionId };
	}
	const at = parseSocial(scheduleCheckSchema, body, 'schedule check').at ?? null;
	if (at && at.getTime() > now + CLOCK_SKEW_MS) {
		throw new SocialInputError('schedule check', [
			{ field: 'at', message: 'is in the future: a slot is posted when it is due, not before' },
		]);
	}
	return { kind: 'schedule', at };
}
