#!/usr/bin/env bash
# Creates (once) and starts the local PostgreSQL cluster that development and
# the tests use, then makes sure the database named in $1 exists.
# Installs PostgreSQL from the OS packages when run as root; otherwise prints
# the command to install it.
set -euo pipefail
dbname=${1:-ignition}
root=${IGNITION_PGROOT:-/tmp/ignition-pg-$(id -u)}
port=${IGNITION_PGPORT:-55432}

find_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
bindir=$(find_bindir)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "PostgreSQL server is not installed. Install it with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y postgresql" >&2
    exit 1
  fi
  echo "installing PostgreSQL from the OS packages..." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  bindir=$(find_bindir)
fi

# Postgres refuses to run as root: as root, run the cluster as 'postgres'.
if [ "$(id -u)" -eq 0 ]; then
  as_owner() { runuser -u postgres -- "$@"; }
  mkdir -p "$root" && chown postgres "$root" && chmod 755 "$root"
else
  as_owner() { "$@"; }
  mkdir -p "$root"
fi

if [ ! -f "$root/data/PG_VERSION" ]; then
  as_owner "$bindir/initdb" -D "$root/data" -A trust -U postgres -E UTF8 --no-sync >/dev/null
fi
# Durable defaults: `make run` serves real data from this cluster. (Tests
# turn synchronous commit off on their own connections only.)
pg_ctl=(as_owner "$bindir/pg_ctl" -D "$root/data" -l "$root/log" -w -o "-p $port -k $root -c listen_addresses=127.0.0.1 -c max_connections=200")
if ! as_owner "$bindir/pg_ctl" -D "$root/data" status >/dev/null 2>&1; then
  "${pg_ctl[@]}" start >/dev/null
fi
psql=(psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1)
# A cluster started by an earlier version of this script without them
# restarts with them.
if [ "$("${psql[@]}" -tAc "SELECT reset_val FROM pg_settings WHERE name = 'synchronous_commit'")" != on ]; then
  "${pg_ctl[@]}" restart >/dev/null
fi
if [ "$("${psql[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = '$dbname'")" != 1 ]; then
  "${psql[@]}" -c "CREATE DATABASE \"$dbname\"" >/dev/null
fi
echo "postgres://postgres@127.0.0.1:$port/$dbname?sslmode=disable"
