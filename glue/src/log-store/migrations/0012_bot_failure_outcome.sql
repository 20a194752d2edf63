-- A conversation Chatwoot opened before the bot could answer (its agent-bot failure path) is still
-- triaged and routed to a team, with no word to the customer: its own outcome, so operators can
-- count those hand-offs apart from the ones triage chose.
alter table sb_ai_decisions drop constraint sb_ai_decisions_outcome_check;
alter table sb_ai_decisions add constraint sb_ai_decisions_outcome_check check (
	outcome in ('auto_replied', 'handed_off', 'fallback', 'transferred', 'handed_off_after_bot_failure')
);
