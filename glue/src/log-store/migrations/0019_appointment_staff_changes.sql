-- Appointments changed by staff in Directus, and reminders that cannot be sent.
--
-- applied_sequence: the invite SEQUENCE (ical_sequence) whose change has reached Google Calendar,
-- the reminders and the customer. A move or cancel made in the chat applies itself and sets it in
-- the same update; one made by the front desk in Directus only raises ical_sequence, and the
-- reconcile (glue/src/appointments/staff-changes.ts) applies it and catches up.
alter table sb_appointments add column applied_sequence integer;
update sb_appointments set applied_sequence = ical_sequence;
alter table sb_appointments alter column applied_sequence set default 0;
alter table sb_appointments alter column applied_sequence set not null;

create index sb_appointments_staff_change_idx on sb_appointments (updated_at)
	where applied_sequence < ical_sequence;

-- failed: it could not be sent and never will be as things stand (no approved WhatsApp template
-- for a customer outside the 24-hour window, a permanent refusal); `detail` says why.
alter table sb_appointment_reminders drop constraint sb_appointment_reminders_outcome_check;
alter table sb_appointment_reminders add constraint sb_appointment_reminders_outcome_check
	check (outcome in ('sent', 'skipped', 'failed'));
