#!/bin/bash
# Chatwoot's schema enables these extensions; vector and pg_stat_statements need a superuser, and the
# chatwoot role is not one. Created here so `rails db:chatwoot_prepare` finds them in place.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname chatwoot <<'SQL'
CREATE EXTENSION IF NOT EXISTS vector;
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS pgcrypto;
SQL
