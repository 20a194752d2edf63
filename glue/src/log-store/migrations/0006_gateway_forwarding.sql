-- The gateway forwards the ledger to n8n. A claim token names the one gateway instance that owns a
-- batch while it is in flight (status forwarding until next_attempt_at, the lease), so a late answer
-- from an instance whose lease ran out cannot complete a batch another instance has taken over.
alter table sb_inbound_events add column claim_token uuid;

-- A batch is every pending row of one conversation; this finds them without scanning the ledger.
create index sb_inbound_events_open_conversation_idx on sb_inbound_events (account_id, conversation_id)
	where status in ('pending', 'forwarding');
-- The dead-letter CLI lists these; they are few, the ledger is not.
create index sb_inbound_events_dead_idx on sb_inbound_events (id) where status = 'dead';

-- Where each reconciler got to: it asks Chatwoot for activity since this instant on its next run.
create table sb_reconciler_marks (
	name text primary key check (name <> ''),
	high_water_mark timestamptz not null,
	updated_at timestamptz not null default now()
);
