// The SQL of the text retention (migration 0011). Each statement takes one batch of the rows still
// holding text and older than the cutoff, skipping rows another gateway is redacting right now, so
// two replicas running the job at once share the work instead of waiting on each other.

/** Keys of a triage verdict that are prose about or to the customer; the rest are decisions. */
export const TRIAGE_TEXT_KEYS = ['reply', 'summary', 'handoff_reason'] as const;

// A ledger row keeps who, where and when (the fields ledger-entry.ts keeps for a dropped message),
// and how many attachments there were; the text, the sender and the attachments' URLs go. Rows the
// gateway still has to forward (pending, forwarding) are never touched, whatever their age, and
// neither are dead letters: an operator may still replay one, and the daily dead-letter report
// names each until then.
export const REDACT_INBOUND_EVENTS = `with due as (
	select id from sb_inbound_events
	where text_redacted_at is null and received_at < $1 and status not in ('pending', 'forwarding', 'dead')
	order by received_at
	limit $2
	for update skip locked
)
update sb_inbound_events e
set text_redacted_at = $3,
	payload = jsonb_strip_nulls(jsonb_build_object(
		'event', e.payload -> 'event',
		'id', e.payload -> 'id',
		'message_type', e.payload -> 'message_type',
		'private', e.payload -> 'private',
		'content_type', e.payload -> 'content_type',
		'created_at', e.payload -> 'created_at',
		'conversation', jsonb_build_object(
			'id', e.payload #> '{conversation,id}',
			'status', e.payload #> '{conversation,status}'
		),
		'delivery_id', e.payload -> 'delivery_id',
		'deleted', e.payload -> 'deleted',
		'incomplete', e.payload -> 'incomplete',
		'attachment_count', case jsonb_typeof(e.payload -> 'attachments')
			when 'array' then jsonb_array_length(e.payload -> 'attachments') end,
		'redacted', true
	))
from due
where e.id = due.id
returning e.id`;

// A decision keeps every column but handoff_reason (Claude's sentence about the customer), and in
// its triage record everything but the prose of the verdict (TRIAGE_TEXT_KEYS), both as acted on
// (output) and as Claude returned it (claudeOutput). Figures, guard and fallback details stay.
export const REDACT_DECISIONS = `with due as (
	select id from sb_ai_decisions
	where text_redacted_at is null and created_at < $1
	order by created_at
	limit $2
	for update skip locked
)
update sb_ai_decisions d
set text_redacted_at = $3,
	handoff_reason = null,
	triage = (d.triage - 'output' - 'claudeOutput') || jsonb_strip_nulls(jsonb_build_object(
		'output', (d.triage -> 'output') - $4::text[],
		'claudeOutput', case jsonb_typeof(d.triage -> 'claudeOutput')
			when 'object' then (d.triage -> 'claudeOutput') - $4::text[] end,
		'redacted', true
	))
from due
where d.id = due.id
returning d.id`;
