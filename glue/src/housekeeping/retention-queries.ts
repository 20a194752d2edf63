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

// Meta's webhooks as the gateway stored them (migration 0013): a body whose items all reached
// Chatwoot (or were dropped) is emptied; nothing still to forward, and no dead letter, is touched.
export const REDACT_META_WEBHOOKS = `with due as (
	select w.id from sb_meta_webhooks w
	where w.text_redacted_at is null and w.received_at < $1
		and not exists (select 1 from sb_meta_events e
			where e.webhook_id = w.id and e.forward_state in ('pending', 'forwarding', 'dead'))
	order by w.received_at
	limit $2
	for update skip locked
)
update sb_meta_webhooks w
set text_redacted_at = $3, body = ''
from due
where w.id = due.id
returning w.id`;

// A message keeps its wamid, type, timestamp and click-to-WhatsApp referral (the ad, not the
// customer's words), where lead capture reads them; echoes and other items keep nothing. Statuses
// hold no text and stay as they are.
const MESSAGE = "e.payload #> '{entry,0,changes,0,value,messages,0}'";
export const REDACT_META_EVENTS = `with due as (
	select id from sb_meta_events
	where text_redacted_at is null and received_at < $1 and kind <> 'status'
		and forward_state not in ('pending', 'forwarding', 'dead')
	order by received_at
	limit $2
	for update skip locked
)
update sb_meta_events e
set text_redacted_at = $3,
	payload = case when e.kind = 'message' then jsonb_build_object(
		'redacted', true,
		'entry', jsonb_build_array(jsonb_build_object('changes', jsonb_build_array(jsonb_build_object(
			'value', jsonb_build_object('messages', jsonb_build_array(jsonb_strip_nulls(jsonb_build_object(
				'id', ${MESSAGE} -> 'id',
				'type', ${MESSAGE} -> 'type',
				'timestamp', ${MESSAGE} -> 'timestamp',
				'referral', ${MESSAGE} -> 'referral'
			)))))))))
	else jsonb_build_object('redacted', true) end
from due
where e.id = due.id
returning e.id`;
