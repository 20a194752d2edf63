// Where a booking chat stands, in Postgres (sb_booking_conversations, migration 0017): what was
// offered and about which appointment, so the next message is read against exactly that, even after
// a restart.
import { z } from 'zod/v4';
import type { Queryable } from '../log-store/index.ts';

// choosing_service: asked which service; managing: asked whether to move or cancel appointmentId
// (migration 0018).
export const BOOKING_STATES = [
	'choosing_service',
	'choosing_zone',
	'offering',
	'managing',
	'done',
] as const;
export const BOOKING_PURPOSES = ['book', 'reschedule'] as const;

// `label`: the option exactly as the customer saw it, so the answer is matched against that text
// rather than a re-formatting that another process, locale or ICU could write differently.
const slotSchema = z.object({
	start: z.coerce.date(),
	end: z.coerce.date(),
	label: z.string().optional(),
});

export const bookingStateSchema = z.object({
	conversationId: z.number().int().positive(),
	accountId: z.number().int().positive(),
	contactId: z.number().int().positive(),
	state: z.enum(BOOKING_STATES),
	purpose: z.enum(BOOKING_PURPOSES),
	serviceId: z.string().min(1),
	offered: z.array(slotSchema),
	appointmentId: z.string().nullable(),
	customerTimeZone: z.string().nullable(),
	proposedTimeZone: z.string().nullable(),
	language: z.string().min(1),
	/** When the row was last written, i.e. while offering, when the times were offered. Read only. */
	offeredAt: z.date().optional(),
});
export type BookingState = z.infer<typeof bookingStateSchema>;

interface Row {
	conversation_id: string;
	account_id: string;
	contact_id: string;
	state: string;
	purpose: string;
	service_id: string;
	offered: unknown;
	appointment_id: string | null;
	customer_time_zone: string | null;
	proposed_time_zone: string | null;
	language: string;
	updated_at: Date;
}

export async function loadBookingState(
	db: Queryable,
	conversationId: number,
): Promise<BookingState | null> {
	const { rows } = await db.query(
		`select conversation_id, account_id, contact_id, state, purpose, service_id, offered,
			appointment_id, customer_time_zone, proposed_time_zone, language, updated_at
		from sb_booking_conversations where conversation_id = $1`,
		[conversationId],
	);
	const row = rows[0] as Row | undefined;
	if (!row) return null;
	return bookingStateSchema.parse({
		conversationId: Number(row.conversation_id),
		accountId: Number(row.account_id),
		contactId: Number(row.contact_id),
		state: row.state,
		purpose: row.purpose,
		serviceId: row.service_id,
		offered: row.offered,
		appointmentId: row.appointment_id,
		customerTimeZone: row.customer_time_zone,
		proposedTimeZone: row.proposed_time_zone,
		language: row.language,
		offeredAt: row.updated_at,
	});
}

export async function saveBookingState(db: Queryable, state: BookingState): Promise<void> {
	const valid = bookingStateSchema.parse(state);
	await db.query(
		`insert into sb_booking_conversations (conversation_id, account_id, contact_id, state, purpose,
			service_id, offered, appointment_id, customer_time_zone, proposed_time_zone, language, updated_at)
		values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())
		on conflict (conversation_id) do update set account_id = excluded.account_id,
			contact_id = excluded.contact_id, state = excluded.state, purpose = excluded.purpose,
			service_id = excluded.service_id, offered = excluded.offered,
			appointment_id = excluded.appointment_id, customer_time_zone = excluded.customer_time_zone,
			proposed_time_zone = excluded.proposed_time_zone, language = excluded.language,
			updated_at = now()`,
		[
			valid.conversationId,
			valid.accountId,
			valid.contactId,
			valid.state,
			valid.purpose,
			valid.serviceId,
			JSON.stringify(
				valid.offered.map((slot) => ({ start: slot.start, end: slot.end, label: slot.label })),
			),
			valid.appointmentId,
			valid.customerTimeZone,
			valid.proposedTimeZone,
			valid.language,
		],
	);
}

/** Whether the customer's next message belongs to the booking chat rather than to the triage. */
export function awaitsCustomer(state: BookingState | null): boolean {
	return state !== null && state.state !== 'done';
}
