-- Broadcasts (issue #19): a run the sender paused because Meta refused its access token (#190):
-- every other send would fail the same way, so nothing more goes until staff fix the token and set
-- the broadcast back to Processing; what was sent stays sent.
alter table sb_broadcast_runs drop constraint sb_broadcast_runs_status_check;
alter table sb_broadcast_runs add constraint sb_broadcast_runs_status_check
	check (status in ('processing', 'paused', 'sent', 'partially_failed', 'failed', 'cancelled', 'missed'));
alter table sb_broadcast_runs add column paused_at timestamptz;

-- A free text Meta failed with 131047 (the window had closed) is sent again as its template: the
-- text's wamid is kept here, so its late or repeated statuses never touch the template's send.
alter table sb_broadcast_deliveries add column superseded_wamid text;
