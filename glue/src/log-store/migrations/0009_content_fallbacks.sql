-- What keeps the bot working while Directus is down. sb_content_snapshot: the last department
-- records, business info and message templates read from each Directus, so routing can go on from
-- them (with their age in the hand-off note) even after a restart. sb_pending_leads: leads Directus
-- could not take, written when it is back; one per conversation, like Directus's own leads.
-- Each has an id of its own: Directus registers (and shows staff) only tables with a one-column key.
create table sb_content_snapshot (
	id bigserial primary key,
	directus_url text not null,
	key text not null,
	content jsonb not null,
	read_at timestamptz not null,
	unique (directus_url, key)
);

create table sb_pending_leads (
	id bigserial primary key,
	directus_url text not null,
	chatwoot_conversation_id bigint not null,
	lead jsonb not null,
	queued_at timestamptz not null default now(),
	attempts integer not null default 0,
	last_attempt_at timestamptz,
	last_error text,
	unique (directus_url, chatwoot_conversation_id)
);
