-- Broadcasts (glue/src/broadcasts): the sender's side. Directus holds what marketing edits (the
-- broadcast, its template and audience); these tables hold what the sender did, one row per
-- broadcast × recipient, so the database itself refuses a second send to anyone.

-- A broadcast the sender has started: its number and whether it is still sending. cancelled_at is
-- read between sends, so a cancel stops the sending within a second.
create table sb_broadcast_runs (
	broadcast_id text primary key,
	phone_number_id text not null,
	status text not null default 'processing'
		check (status in ('processing', 'sent', 'partially_failed', 'failed', 'cancelled', 'missed')),
	recipients integer not null default 0,
	reason text,
	started_at timestamptz not null default now(),
	cancelled_at timestamptz,
	finished_at timestamptz
);

create table sb_broadcast_deliveries (
	id bigserial primary key,
	broadcast_id text not null references sb_broadcast_runs (broadcast_id),
	recipient_id text not null,
	-- E.164 digits, no "+".
	phone text not null,
	phone_number_id text not null,
	-- What goes to this recipient (template name, language, components), as the plan gave it.
	message jsonb not null,
	-- queued → sending → sent → delivered → read, or failed (Meta's code and title), skipped
	-- (suppressed when its turn came) or cancelled (the broadcast was cancelled first).
	state text not null default 'queued'
		check (state in ('queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'skipped', 'cancelled')),
	attempts integer not null default 0,
	wamid text unique,
	error_code integer,
	error_title text,
	-- Not sent before this (Meta's pair rate, a retry's backoff).
	not_before timestamptz,
	-- A send in flight: who claimed it and until when. A lease that runs out on a send whose
	-- answer never came is first settled by the status webhooks (Meta echoes our delivery id in
	-- biz_opaque_callback_data), and only then sent again.
	lease_owner text,
	lease_until timestamptz,
	outcome_unknown_at timestamptz,
	-- When this attempt was claimed, and when a status webhook last reached the row: a send whose
	-- outcome is unknown goes again only once a send claimed after it has had its status webhook
	-- (the webhooks have caught up past it), so a slow webhook never causes a second message.
	claimed_at timestamptz,
	status_at timestamptz,
	queued_at timestamptz not null default now(),
	sent_at timestamptz,
	delivered_at timestamptz,
	read_at timestamptz,
	failed_at timestamptz,
	updated_at timestamptz not null default now(),
	constraint sb_broadcast_deliveries_once unique (broadcast_id, recipient_id)
);

create index sb_broadcast_deliveries_due_idx on sb_broadcast_deliveries (broadcast_id, state, id);
create index sb_broadcast_deliveries_sent_at_idx on sb_broadcast_deliveries (sent_at);
create index sb_broadcast_deliveries_watermark_idx on sb_broadcast_deliveries (phone_number_id, claimed_at)
	where status_at is not null;

-- Who must not get broadcasts: an opt-out (STOP…) or Meta's 131050 for good (until is null), or
-- Meta's 131049 (per-user marketing cap) for 24 hours. Checked at every send.
create table sb_suppressions (
	phone text primary key,
	reason text not null,
	code integer,
	until timestamptz,
	created_at timestamptz not null default now()
);
