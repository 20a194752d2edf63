-- The gateway's durable ledger of Chatwoot webhooks. Dedupe is the unique indexes' job, not the
-- caller's: Chatwoot redelivers agent-bot webhooks and the reconciler replays what it finds missing.
create table sb_inbound_events (
	id bigint generated always as identity primary key,
	source text not null check (source in ('agent_bot', 'account', 'reconciler')),
	delivery_id text check (delivery_id <> ''),
	chatwoot_message_id bigint,
	conversation_id bigint,
	account_id bigint not null,
	inbox_id bigint,
	event text not null check (event <> ''),
	received_at timestamptz not null default now(),
	payload jsonb not null,
	status text not null default 'pending'
		check (status in ('pending', 'forwarding', 'done', 'dropped', 'dead')),
	drop_reason text,
	attempts integer not null default 0 check (attempts >= 0),
	next_attempt_at timestamptz,
	last_error text,
	forwarded_at timestamptz,
	constraint sb_inbound_events_drop_reason_check check (status <> 'dropped' or drop_reason is not null)
);

create unique index sb_inbound_events_delivery_key on sb_inbound_events (delivery_id)
	where delivery_id is not null;
create unique index sb_inbound_events_message_key on sb_inbound_events (account_id, chatwoot_message_id)
	where chatwoot_message_id is not null;
create index sb_inbound_events_conversation_idx on sb_inbound_events (conversation_id, received_at);
-- Partial: the forwarder only ever scans what is still due, a sliver of the ledger.
create index sb_inbound_events_due_idx on sb_inbound_events (next_attempt_at)
	where status in ('pending', 'forwarding');
