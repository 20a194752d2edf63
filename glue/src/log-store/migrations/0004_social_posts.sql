-- One row per promotion × platform × slot; the unique key is what makes a retry never post twice.
create table sb_social_posts (
	id bigint generated always as identity primary key,
	idempotency_key text not null unique check (idempotency_key <> ''),
	promotion_id text not null check (promotion_id <> ''),
	platform text not null check (platform in ('facebook', 'instagram', 'tiktok')),
	slot timestamptz not null,
	status text not null default 'pending' check (status in ('pending', 'posted', 'failed')),
	post_id text,
	error_code text,
	error_message text,
	caption text,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);

create index sb_social_posts_promotion_idx on sb_social_posts (promotion_id, slot);
create index sb_social_posts_status_idx on sb_social_posts (status, slot);
