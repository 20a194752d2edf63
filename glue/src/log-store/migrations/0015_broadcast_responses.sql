-- What customers did after a broadcast reached them, for the Insights dashboard per broadcast:
-- answered it (a message within 24 hours, seen by workflow 01) or opted out (a stop word within
-- 24 hours). One row per broadcast, phone and kind: the first counts, a second message changes nothing.
create table sb_broadcast_responses (
	id bigserial primary key,
	broadcast_id text not null,
	-- E.164 digits, as sb_broadcast_deliveries keeps them.
	phone text not null,
	kind text not null check (kind in ('reply', 'opt_out')),
	conversation_id bigint,
	responded_at timestamptz not null default now(),
	constraint sb_broadcast_responses_once unique (broadcast_id, phone, kind)
);
create index sb_broadcast_responses_broadcast_idx on sb_broadcast_responses (broadcast_id, kind);
