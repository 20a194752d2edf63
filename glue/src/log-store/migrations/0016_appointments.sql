-- Appointments booked over chat (glue/src/appointments). This table, not Google Calendar, is the
-- source of truth: a booking is written here first (held), then its event is created in Google
-- with an id derived from the booking, then it is confirmed. Staff see and edit it in Directus.
--
-- No two live appointments on one calendar may overlap, buffers included: the exclusion
-- constraint makes the database refuse the second of two customers choosing the same time at
-- once, whatever the application does. Holds that lapsed are marked expired before a new hold is
-- inserted, so they stop blocking.
create extension if not exists btree_gist;

create table sb_appointments (
	id uuid primary key default gen_random_uuid(),
	account_id bigint not null,
	contact_id bigint not null,
	-- The conversation it was booked in; null when staff entered it.
	conversation_id bigint,
	-- Directus services.id and its name when booked (the record may be renamed or deleted later).
	service_id text not null,
	service_name text not null,
	calendar_id text not null,
	-- held: a lease until hold_expires_at; expired: a hold that lapsed; rescheduled: confirmed and
	-- moved at least once.
	status text not null default 'held' check (
		status in ('held', 'confirmed', 'rescheduled', 'cancelled', 'completed', 'no_show', 'expired')
	),
	-- The appointment itself, in UTC.
	starts_at timestamptz not null,
	ends_at timestamptz not null,
	-- The business's IANA zone it was booked in; the customer's, when they read times in another.
	time_zone text not null,
	customer_time_zone text,
	-- The time taken on the calendar: the appointment plus the service's buffers before and after.
	blocked_from timestamptz not null,
	blocked_until timestamptz not null,
	hold_expires_at timestamptz,
	-- The Google event (sha256 of the booking id and attempt); attempt grows only when Google
	-- refuses the id because an event with it was deleted (ids stay taken).
	google_event_id text,
	-- When its Google event was deleted; a row cancelled in Directus still has an event to delete.
	google_event_deleted_at timestamptz,
	event_attempt integer not null default 0 check (event_attempt >= 0),
	-- SEQUENCE of the e-mailed invite: 0 when booked, +1 on every move and on the cancel.
	ical_sequence integer not null default 0 check (ical_sequence >= 0),
	-- The last invite e-mailed (its SEQUENCE), so a retried send does not mail twice.
	invite_sequence_sent integer,
	customer_name text,
	customer_email text,
	-- BCP 47, the customer's language for messages about it.
	language text,
	cancel_reason text,
	confirmed_at timestamptz,
	cancelled_at timestamptz,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	constraint sb_appointments_times_check check (starts_at < ends_at),
	constraint sb_appointments_blocked_check check (
		blocked_from <= starts_at and ends_at <= blocked_until
	),
	constraint sb_appointments_hold_check check (status <> 'held' or hold_expires_at is not null),
	constraint sb_appointments_no_overlap exclude using gist (
		calendar_id with =,
		tstzrange(blocked_from, blocked_until) with &&
	) where (status in ('held', 'confirmed', 'rescheduled'))
);

create index sb_appointments_contact_idx on sb_appointments (account_id, contact_id, starts_at);
create index sb_appointments_starts_at_idx on sb_appointments (starts_at);
create index sb_appointments_event_to_delete_idx on sb_appointments (id)
	where status in ('cancelled', 'expired') and google_event_id is not null
		and google_event_deleted_at is null;
create index sb_appointments_held_idx on sb_appointments (calendar_id, hold_expires_at)
	where status = 'held';
