-- The booking conversation (glue/src/booking): what the bot last offered in a Chatwoot
-- conversation and which appointment it is about, so that the customer's next message ("the second
-- one") is read against exactly what they saw, even after a restart. One row per conversation.
create table sb_booking_conversations (
	conversation_id bigint primary key,
	account_id bigint not null,
	contact_id bigint not null,
	-- choosing_zone: asked which time zone to show times in; offering: times shown, waiting for a
	-- pick; done: booked, moved or cancelled (the row stays as the last state).
	state text not null check (state in ('choosing_zone', 'offering', 'done')),
	-- book (a new appointment) or reschedule (move appointment_id).
	purpose text not null default 'book' check (purpose in ('book', 'reschedule')),
	service_id text not null,
	-- The options as shown, in order: [{"start": ISO UTC, "end": ISO UTC}].
	offered jsonb not null default '[]',
	-- The appointment booked here, or the one being moved (sb_appointments.id).
	appointment_id uuid,
	-- Where the customer reads the times (IANA); null until asked or confirmed.
	customer_time_zone text,
	-- The zone we think they are in, waiting for a yes.
	proposed_time_zone text,
	language text not null default 'en',
	updated_at timestamptz not null default now()
);

create index sb_booking_conversations_contact_idx
	on sb_booking_conversations (account_id, contact_id);

-- One row per reminder sent (or found unsendable), so a retried or re-run job never reminds twice.
-- A moved appointment is reminded again for its new time.
create table sb_appointment_reminders (
	id bigserial primary key,
	appointment_id uuid not null,
	offset_minutes integer not null check (offset_minutes > 0),
	-- The start the reminder was for.
	starts_at timestamptz not null,
	-- sent, or skipped (the appointment was cancelled or moved when it fired).
	outcome text not null check (outcome in ('sent', 'skipped')),
	detail text,
	recorded_at timestamptz not null default now(),
	constraint sb_appointment_reminders_once unique (appointment_id, offset_minutes, starts_at)
);
