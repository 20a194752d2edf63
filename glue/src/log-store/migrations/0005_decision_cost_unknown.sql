-- A decision whose model is missing from the configured price table has no known cost. It is still
-- logged (the customer was answered); null says "unknown" where 0 would claim it was free.
alter table sb_ai_decisions alter column cost_usd drop not null;
