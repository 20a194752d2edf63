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
export const PARTS_OF_DAY = ['morning', 'afternoon', 'evening'] as const;
export const CHOICE_ACTIONS = [
	'pick',
	'wish',
	'cancel',
	'reschedule',
	'time_zone',
	'unclear',
] as const;

/** The schema for one question: `option` bounded by the number of options shown. */
export function bookingChoiceSchemaFor(optionCount: number): z.ZodType<BookingChoice> {
	return bookingChoiceSchema.extend({
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
	action: z
		.enum(CHOICE_ACTIONS)
		.describe(
			'pick: the customer chose one of the numbered options; wish: they want another time and say when (a day, a part of the day); cancel: they want to cancel; reschedule: they want to move their appointment; time_zone: they say where they are or which time zone to use, or answer yes/no to the time zone question; unclear: anything else.',
		),
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
			'With wish: the calendar date they want (YYYY-MM-DD), when they name one; else null.',
		),
	weekday: z
		.enum(WEEKDAYS)
		.nullable()
		.describe('With wish: the day of the week they want, when they name one; else null.'),
	part_of_day: z
		.enum(PARTS_OF_DAY)
		.nullable()
		.describe('With wish: morning, afternoon or evening when they say so; else null.'),
	time_zone: z
		.string()
		.nullable()
		.describe(
			'With time_zone: the IANA time zone they are in (e.g. "Europe/Madrid"), or "yes" when they accept the zone we proposed; else null.',
		),
});
export type BookingChoice = z.infer<typeof bookingChoiceSchema>;
