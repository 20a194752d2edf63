-- Workflow 01 answers 409 busy while another of its executions holds the batch's triage claim. That is
-- no failure of the batch: the gateway gives the attempt back and counts it here instead, and notes
-- when the streak of busy answers began, so a busy that outlasts any claim lease counts as a failure.
alter table sb_inbound_events add column busy_attempts integer not null default 0
	check (busy_attempts >= 0);
alter table sb_inbound_events add column busy_since timestamptz;

-- The gateway's forward lease under which workflow 01 took a triage claim (the batch carries it).
-- When that forward gets an answer proving the execution ended without completing the claim (HTTP
-- 500, or 2xx without an acknowledgement), the gateway releases the claim at once rather than
-- letting its next deliveries answer busy until the lease runs out.
alter table sb_inbound_claims add column forward_token uuid;
create index sb_inbound_claims_forward_token_idx on sb_inbound_claims (forward_token)
	where state = 'processing';
