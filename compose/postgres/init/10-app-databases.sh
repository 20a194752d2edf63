#!/bin/bash
# Runs once, when the PostgreSQL data volume is empty (docker-entrypoint-initdb.d): one login role and
# one database per app, the role owning its database. Each password comes from <APP>_DB_PASSWORD.
# Our sb_ tables live in the directus database (DESIGN.md §3), so there is no fourth database.
set -euo pipefail

# The app list is also scripts/production/app-databases.ts (a test checks that both agree).
APP_DATABASES="${APP_DATABASES:-chatwoot n8n directus}"

for app in $APP_DATABASES; do
	password_var="${app^^}_DB_PASSWORD"
	password="${!password_var:-}"
	if [ -z "$password" ]; then
		echo "init: $password_var is not set; run scripts/production/bootstrap.ts" >&2
		exit 1
	fi
	# Names and passwords reach SQL only through psql variables, quoted by format(%I, %L).
	psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "${POSTGRES_DB:-postgres}" \
		-v app="$app" -v password="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'app', :'password') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'app', :'app') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'app') \gexec
SQL
	echo "init: created role and database $app"
done
