#!/usr/bin/env bash
# One database and one least-privilege role per service. Run once by the postgres image's
# entrypoint, as the superuser, when the data directory is first initialised (a later change
# here needs a fresh volume: `docker compose -f deploy/compose.yaml down -v`).
#
# Role <svc> owns database <svc> (so its migrations can create tables in the public schema, which
# PostgreSQL 15+ grants to the database owner only) and can connect to no other database: CONNECT
# is revoked from PUBLIC on every database, including postgres and template1. The roles are not
# superusers and cannot create databases or roles, replicate, or bypass row-level security.
#
# Passwords come from the environment: <SVC>_DB_PASSWORD (MEMBERS_DB_PASSWORD, ...).
# The same file is used by the Kubernetes dev overlay (deploy/k8s/overlays/dev/infra/initdb.sh;
# tests/deploy keeps the two identical).
set -euo pipefail

psql_admin() {
  psql --no-psqlrc -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres "$@"
}

for svc in members campaigns donations reporting; do
  var="${svc^^}_DB_PASSWORD"
  password="${!var:-}"
  if [ -z "$password" ]; then
    echo "initdb: $var is not set" >&2
    exit 1
  fi
  # psql variables (:"name" quotes an identifier, :'name' a literal): no SQL built by the shell.
  psql_admin -v svc="$svc" -v password="$password" <<'SQL'
CREATE ROLE :"svc" WITH LOGIN PASSWORD :'password'
  NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT;
CREATE DATABASE :"svc" WITH OWNER :"svc" ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE :"svc" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"svc" TO :"svc";
SQL
  echo "initdb: database and role '$svc' created"
done

psql_admin <<'SQL'
REVOKE CONNECT ON DATABASE postgres FROM PUBLIC;
REVOKE CONNECT ON DATABASE template1 FROM PUBLIC;
SQL
