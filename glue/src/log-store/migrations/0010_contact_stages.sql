-- Contact lifecycle stages (glue/src/stages). sb_stage_transitions is the history: one row per
-- move, appended and never changed (a trigger refuses updates), so a contact's path is always
-- readable. sb_contact_stages is where each contact is now, with the first time it reached each
-- stage of the line (the funnel dashboard reads both), and what Chatwoot's Stage attribute shows:
-- the gateway writes the stage there whenever the two differ. A contact with no row is `new`.
create table sb_stage_transitions (
	id bigserial primary key,
	account_id bigint not null,
	contact_id bigint not null,
	-- The conversation the move came from; null for a move made on the contact (an agent in
	-- Chatwoot's sidebar, a workflow).
	conversation_id bigint,
	from_stage text not null
		check (from_stage in ('new', 'engaged', 'qualified', 'booked', 'customer', 'lost')),
	to_stage text not null
		check (to_stage in ('new', 'engaged', 'qualified', 'booked', 'customer', 'lost')),
	moved_by text not null check (moved_by in ('triage', 'rule', 'agent', 'workflow')),
	reason text,
	-- The triage's confidence when Claude proposed the move; null otherwise.
	confidence double precision check (confidence between 0 and 1),
	moved_at timestamptz not null default now(),
	constraint sb_stage_transitions_move_check check (from_stage <> to_stage)
);

create index sb_stage_transitions_contact_idx on sb_stage_transitions (account_id, contact_id, id);
create index sb_stage_transitions_moved_at_idx on sb_stage_transitions (moved_at);

create function sb_stage_transitions_append_only() returns trigger
language plpgsql as $$
begin
	raise exception 'sb_stage_transitions is append-only: record a new transition instead';
end;
$$;

create trigger sb_stage_transitions_no_update
	before update on sb_stage_transitions
	for each row execute function sb_stage_transitions_append_only();

create table sb_contact_stages (
	id bigserial primary key,
	account_id bigint not null,
	contact_id bigint not null,
	stage text not null
		check (stage in ('new', 'engaged', 'qualified', 'booked', 'customer', 'lost')),
	since timestamptz not null default now(),
	last_transition_id bigint references sb_stage_transitions (id),
	-- When the contact first reached each stage of the line (skipping one counts as reaching it).
	engaged_at timestamptz,
	qualified_at timestamptz,
	booked_at timestamptz,
	customer_at timestamptz,
	lost_at timestamptz,
	-- 100 or 0, so that an average over contacts is a conversion rate in percent (Insights panels).
	reached_engaged smallint generated always as
		(case when engaged_at is null then 0 else 100 end) stored,
	reached_qualified smallint generated always as
		(case when qualified_at is null then 0 else 100 end) stored,
	reached_booked smallint generated always as
		(case when booked_at is null then 0 else 100 end) stored,
	reached_customer smallint generated always as
		(case when customer_at is null then 0 else 100 end) stored,
	-- The value Chatwoot's contact attribute shows, as far as we know (null: never written). It is
	-- an outbox: where it differs from `stage`, the gateway writes `stage` to Chatwoot.
	mirrored_stage text,
	mirror_attempts integer not null default 0,
	mirror_after timestamptz,
	mirror_error text,
	created_at timestamptz not null default now(),
	unique (account_id, contact_id)
);

create index sb_contact_stages_stage_idx on sb_contact_stages (stage);
create index sb_contact_stages_unmirrored_idx on sb_contact_stages (account_id, id)
	where mirrored_stage is distinct from stage;
