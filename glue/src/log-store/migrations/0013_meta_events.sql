-- Meta's WhatsApp webhooks, which the gateway receives in Chatwoot's place (issue #19). Each POST's
-- body is kept exactly as signed; each message, status and echo in it becomes one row of
-- sb_meta_events, written before Meta gets its 200, and forwarded from there to Chatwoot one item
-- per payload (Chatwoot reads only the first). Meta keeps no history to fetch again.
create table sb_meta_webhooks (
	id bigserial primary key,
	received_at timestamptz not null default now(),
	body text not null,
	-- Housekeeping empties the body after the retention period (glue/src/housekeeping).
	text_redacted_at timestamptz
);

create table sb_meta_events (
	id bigserial primary key,
	webhook_id bigint not null references sb_meta_webhooks (id) on delete cascade,
	received_at timestamptz not null default now(),
	kind text not null check (kind in ('message', 'status', 'echo', 'other')),
	-- Meta delivers at least once: a message, an echo and each (status, wamid) are kept once.
	dedupe_key text unique,
	wamid text,
	status text,
	phone_number_id text,
	-- Digits only; the Chatwoot inbox is "+" followed by them.
	display_number text,
	-- The customer: wa_id, or the business-scoped user id when Meta sent no number.
	contact text,
	-- The one-item envelope forwarded to Chatwoot (or the change as received, when dropped).
	payload jsonb not null,
	forward_state text not null
		check (forward_state in ('pending', 'forwarding', 'done', 'dead', 'dropped')),
	drop_reason text,
	attempts integer not null default 0 check (attempts >= 0),
	next_attempt_at timestamptz,
	claim_token uuid,
	last_error text,
	forwarded_at timestamptz,
	-- Statuses: when the broadcast sender took it; null until then (kept, never lost).
	applied_at timestamptz,
	-- Housekeeping keeps a message's ids, type and ad referral after the retention period.
	text_redacted_at timestamptz,
	check ((forward_state = 'dropped') = (drop_reason is not null))
);

create index sb_meta_events_due_idx on sb_meta_events (next_attempt_at, id)
	where forward_state in ('pending', 'forwarding');
create index sb_meta_events_unapplied_idx on sb_meta_events (id)
	where kind = 'status' and applied_at is null;
create index sb_meta_events_wamid_idx on sb_meta_events (wamid);
create index sb_meta_events_contact_idx on sb_meta_events (contact, id) where kind = 'message';
create index sb_meta_events_dead_idx on sb_meta_events (id) where forward_state = 'dead';
create index sb_meta_events_webhook_idx on sb_meta_events (webhook_id);
create index sb_meta_webhooks_text_kept_idx on sb_meta_webhooks (received_at)
	where text_redacted_at is null;
create index sb_meta_events_text_kept_idx on sb_meta_events (received_at)
	where text_redacted_at is null and kind <> 'status';
