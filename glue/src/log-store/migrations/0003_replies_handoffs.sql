-- What we did in Chatwoot because of a decision.
create table sb_replies_handoffs (
	id bigint generated always as identity primary key,
	decision_id bigint not null references sb_ai_decisions (id) on delete cascade,
	conversation_id bigint not null,
	kind text not null
		check (kind in ('reply', 'private_note', 'handoff', 'transfer', 'label', 'team')),
	chatwoot_message_id bigint,
	team text,
	labels text[] not null default '{}',
	created_at timestamptz not null default now(),
	constraint sb_replies_handoffs_label_check check (kind <> 'label' or cardinality(labels) > 0),
	constraint sb_replies_handoffs_team_check check (kind <> 'team' or team is not null)
);

create index sb_replies_handoffs_decision_idx on sb_replies_handoffs (decision_id);
create index sb_replies_handoffs_conversation_idx on sb_replies_handoffs (conversation_id, created_at);
create index sb_replies_handoffs_kind_idx on sb_replies_handoffs (kind, created_at);
