-- The booking chat asks two more questions (glue/src/booking/turn.ts): which service, when the
-- department offers several (choosing_service), and whether to move or cancel the booked
-- appointment when the customer's wish is not clear (managing).
alter table sb_booking_conversations drop constraint sb_booking_conversations_state_check;
alter table sb_booking_conversations add constraint sb_booking_conversations_state_check check (
	state in ('choosing_service', 'choosing_zone', 'offering', 'managing', 'done')
);

-- A message the booking chat answered is one decision, logged as such: the triage ran (its reading
-- is kept in the row), but the booking assistant acted, not the triage's route.
alter table sb_ai_decisions drop constraint sb_ai_decisions_outcome_check;
alter table sb_ai_decisions add constraint sb_ai_decisions_outcome_check check (
	outcome in (
		'auto_replied',
		'handed_off',
		'fallback',
		'transferred',
		'handed_off_after_bot_failure',
		'booking_chat'
	)
);
