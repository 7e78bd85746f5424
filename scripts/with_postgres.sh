#!/bin/sh
# Run a command against a throwaway PostgreSQL server: scripts/with_postgres.sh COMMAND...
# Installs Debian's postgresql when missing (as root), starts a fresh cluster on 127.0.0.1:$PG_PORT
# (default: a free port) with DATABASE_URL pointing at it, runs COMMAND, and always stops and removes
# the cluster. PostgreSQL refuses to run as root, so as root the server runs as user postgres.
# ARCHIVE_TEST_PG_CTL lets a test stop and restart the server (see the end).
set -eu

# A free port unless PG_PORT says otherwise, so two test runs on one machine do not collide.
PG_PORT=${PG_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    sh "$(dirname "$0")/apt_install.sh" "PostgreSQL 测试" postgresql
fi
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
DIR=$(mktemp -d /tmp/archive-pg.XXXXXX)

as_server_user() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

[ "$(id -u)" -eq 0 ] && chown postgres "$DIR"
stop() {
    as_server_user "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap stop EXIT INT TERM

as_server_user "$BIN/initdb" -D "$DIR/data" -U archive --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
# The options live in the cluster's own config, so a bare `pg_ctl start` (the fault test's) restarts it alike.
# Durability is pointless for a test cluster; without fsync the suite runs several times faster.
cat >>"$DIR/data/postgresql.conf" <<EOF
port = $PG_PORT
unix_socket_directories = '$DIR'
listen_addresses = '127.0.0.1'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
as_server_user "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w start >/dev/null

# For tests that stop the server for a while and start it again (tests/ops/test_database_outage.py):
# a command prefix to which they add `stop -m fast` or `start -w`.
RUN_AS=""
[ "$(id -u)" -eq 0 ] && RUN_AS="runuser -u postgres -- "
export ARCHIVE_TEST_PG_CTL="$RUN_AS$BIN/pg_ctl -D $DIR/data -l $DIR/server.log"

DATABASE_URL="postgres://archive@127.0.0.1:$PG_PORT/postgres" "$@"
