// What Claude reads from a customer's answer to the times we offered. The schema is the source of
// truth: the JSON schema sent as the output format is generated from it.
import { z } from 'zod/v4';

export const WEEKDAYS = [
	'monday',
	'tuesday',
	'wednesday',
	'thursday',
	'friday',
	'saturday',
	'sunday',
] as const;
const ACTION_GUIDE =
	'pick: the customer chose one of the numbered options; wish: they want another time and say when (a day, a part of the day); cancel: they want to cancel (e.g. they cannot make it); reschedule: they want to move their appointment (with the day or part of the day they want, when they say one); time_zone: they say where they are or which time zone to use, or answer yes/no to the time zone question; unclear: anything else.';
export const PARTS_OF_DAY = ['morning', 'afternoon', 'evening'] as const;
export const CHOICE_ACTIONS = [
	'pick',
	'wish',
	'cancel',
	'reschedule',
	'time_zone',
	'unclear',
] as const;

export type ChoiceAction = (typeof CHOICE_ACTIONS)[number];

/**
 * The schema for one question: `option` bounded by the number of options shown, and `action`
 * narrowed to the answers that question can have (about a booked appointment: cancel, move, or
 * unclear), so structured output cannot return an answer to another question.
 */
export function bookingChoiceSchemaFor(
	optionCount: number,
	actions: readonly ChoiceAction[] = CHOICE_ACTIONS,
): z.ZodType<BookingChoice> {
	const [first, ...rest] = actions.length ? actions : CHOICE_ACTIONS;
	return bookingChoiceSchema.extend({
		action: z.enum([first!, ...rest]).describe(ACTION_GUIDE),
		option: z
			.number()
			.int()
			.min(1)
			.max(Math.max(optionCount, 1))
			.nullable()
			.describe('With pick: the number of the option they chose, as listed. Otherwise null.'),
	});
}

export const bookingChoiceSchema = z.object({
	action: z.enum(CHOICE_ACTIONS).describe(ACTION_GUIDE),
	option: z
		.number()
		.int()
		.min(1)
		.nullable()
		.describe('With pick: the number of the option they chose, as listed. Otherwise null.'),
	// No pattern here: structured output does not enforce one; read-choice.ts drops a malformed date.
	date: z
		.string()
		.nullable()
		.describe(
			'With wish or reschedule: the calendar date they want (YYYY-MM-DD), when they name one; else null.',
		),
	weekday: z
		.enum(WEEKDAYS)
		.nullable()
		.describe(
			'With wish or reschedule: the day of the week they want, when they name one; else null.',
		),
	part_of_day: z
		.enum(PARTS_OF_DAY)
		.nullable()
		.describe(
			'With wish or reschedule: morning, afternoon or evening when they say so; else null.',
		),
	time_zone: z
		.string()
		.nullable()
		.describe(
			'With time_zone: the IANA time zone they are in (e.g. "Europe/Madrid"), or "yes" when they accept the zone we proposed; else null.',
		),
});
export type BookingChoice = z.infer<typeof bookingChoiceSchema>;
