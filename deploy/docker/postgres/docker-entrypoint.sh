#!/bin/bash
# The official postgres image's entrypoint contract, in short: a fresh PGDATA is initialised with
# POSTGRES_USER (superuser) / POSTGRES_PASSWORD, POSTGRES_DB is created, the scripts in
# /docker-entrypoint-initdb.d run against a server listening on the Unix socket only, then the
# server starts for real on every address (scram-sha-256 over TCP, trust on the local socket).
set -euo pipefail

export POSTGRES_USER="${POSTGRES_USER:-postgres}"
export POSTGRES_DB="${POSTGRES_DB:-$POSTGRES_USER}"

if [ "${1:-postgres}" != "postgres" ]; then
  exec "$@"
fi
shift || true

mkdir -p "$PGDATA"
chmod 700 "$PGDATA"

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "${POSTGRES_PASSWORD:-}" ]; then
    echo "postgres: POSTGRES_PASSWORD must be set (the superuser's password for TCP logins)" >&2
    exit 1
  fi
  pwfile="$(mktemp)"
  printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
  initdb --username="$POSTGRES_USER" --pwfile="$pwfile" --auth-local=trust \
    --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 -D "$PGDATA" > /dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"

  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -k /var/run/postgresql" -w start > /dev/null
  if [ "$POSTGRES_DB" != "postgres" ]; then
    psql --no-psqlrc -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
      -v db="$POSTGRES_DB" <<< 'CREATE DATABASE :"db";'
  fi
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sh)
        if [ -x "$f" ]; then echo "postgres: running $f"; "$f"; else echo "postgres: sourcing $f"; . "$f"; fi ;;
      *.sql)
        echo "postgres: running $f"
        psql --no-psqlrc -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -f "$f" ;;
      *) ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop > /dev/null
  echo "postgres: initialised $PGDATA"
fi

exec postgres -D "$PGDATA" -c listen_addresses='*' -k /var/run/postgresql "$@"
