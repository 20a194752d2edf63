-- Housekeeping removes message text after the retention period (glue/src/housekeeping): the row,
-- its decision and its figures stay, the customer's words and the AI's reply go. The stamp says when,
-- and makes the job idempotent; the partial indexes keep each run to the rows still holding text, a
-- sliver of a ledger that only grows.
alter table sb_inbound_events add column text_redacted_at timestamptz;
alter table sb_ai_decisions add column text_redacted_at timestamptz;

create index sb_inbound_events_text_kept_idx on sb_inbound_events (received_at)
	where text_redacted_at is null;
create index sb_ai_decisions_text_kept_idx on sb_ai_decisions (created_at)
	where text_redacted_at is null;
