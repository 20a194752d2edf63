-- One row per triage: what Claude decided, what it cost, and what we did with it.
create table sb_ai_decisions (
	id bigint generated always as identity primary key,
	-- Set null, not cascade: pruning the ledger must not erase the decision history.
	inbound_event_id bigint references sb_inbound_events (id) on delete set null,
	conversation_id bigint not null,
	department text not null check (department <> ''),
	intent text not null check (intent <> ''),
	urgency text not null check (urgency in ('low', 'medium', 'high', 'critical')),
	sentiment text not null check (sentiment in ('negative', 'neutral', 'positive')),
	language text not null check (language <> ''),
	-- Unbounded numeric so the model's confidence round-trips exactly.
	confidence numeric not null check (confidence between 0 and 1),
	needs_human boolean not null,
	handoff_reason text,
	outcome text not null
		check (outcome in ('auto_replied', 'handed_off', 'fallback', 'transferred')),
	triage jsonb not null,
	model text not null check (model <> ''),
	input_tokens integer not null check (input_tokens >= 0),
	output_tokens integer not null check (output_tokens >= 0),
	cache_read_tokens integer not null default 0 check (cache_read_tokens >= 0),
	cache_write_tokens integer not null default 0 check (cache_write_tokens >= 0),
	cost_usd numeric(12, 6) not null check (cost_usd >= 0),
	latency_ms integer not null check (latency_ms >= 0),
	content_ids text[] not null default '{}',
	created_at timestamptz not null default now()
);

create index sb_ai_decisions_conversation_idx on sb_ai_decisions (conversation_id, created_at);
-- A range on created_at serves "per day": date_trunc on timestamptz is not immutable, so it cannot
-- be indexed, and the day boundary depends on the viewer's time zone anyway.
create index sb_ai_decisions_department_day_idx on sb_ai_decisions (department, created_at);
create index sb_ai_decisions_outcome_idx on sb_ai_decisions (outcome, created_at);
create index sb_ai_decisions_inbound_event_idx on sb_ai_decisions (inbound_event_id);
