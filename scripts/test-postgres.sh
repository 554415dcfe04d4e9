#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the tests, as the postgres user, on a free port of 127.0.0.1,
# and prints its URL. `stop <dir>` stops it and removes its folder.
#   url=$(scripts/test-postgres.sh start)    scripts/test-postgres.sh stop
set -euo pipefail

state_file=/tmp/jiati-test-postgres.env
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$pg_bin" ] || { echo "PostgreSQL is not installed (apt-get install -y postgresql)" >&2; exit 1; }

case "${1:-}" in
  start)
    data_dir=$(mktemp -d /tmp/jiati-pg.XXXXXX)
    chown postgres "$data_dir"
    port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
    su postgres -s /bin/sh -c "$pg_bin/initdb -D '$data_dir' -A trust -U postgres --no-sync -E UTF8 >/dev/null"
    su postgres -s /bin/sh -c "$pg_bin/pg_ctl -D '$data_dir' -l '$data_dir/server.log' -w \
      -o \"-p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on\" start >/dev/null"
    echo "data_dir=$data_dir" > "$state_file"
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    [ -f "$state_file" ] || exit 0
    . "$state_file"
    su postgres -s /bin/sh -c "$pg_bin/pg_ctl -D '$data_dir' -m fast -w stop >/dev/null" || true
    rm -rf "$data_dir" "$state_file"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
