-- Workflow 01 claims a batch's ledger rows before it triages them. The gateway delivers at least once
-- (a timeout, a restart), so a second delivery must find the rows taken: done means skip it; still
-- being handled means busy, and the gateway retries later; a claim whose lease ran out belongs to an
-- execution that died, and the next delivery takes it over, so nothing is lost.
create table sb_inbound_claims (
	inbound_event_id bigint primary key references sb_inbound_events (id) on delete cascade,
	state text not null check (state in ('processing', 'done')),
	claim_token uuid not null,
	lease_until timestamptz not null,
	attempts integer not null default 1 check (attempts >= 1),
	claimed_at timestamptz not null default now(),
	done_at timestamptz,
	decision_id bigint references sb_ai_decisions (id) on delete set null,
	-- What became of it: an outcome of sb_ai_decisions, or why no triage ran (e.g. not_pending).
	result text,
	constraint sb_inbound_claims_done_check check (state <> 'done' or done_at is not null)
);

create index sb_inbound_claims_decision_idx on sb_inbound_claims (decision_id);
