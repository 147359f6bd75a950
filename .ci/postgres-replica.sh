#!/usr/bin/env bash
# Stops or starts the streaming replica that .ci/postgres.sh started, for tests of a replica that is down:
#
#   .ci/postgres-replica.sh stop    # fast shutdown; waits until it is down
#   .ci/postgres-replica.sh start   # starts it again with its previous settings; waits until it accepts connections
#
# Reads the replica's data folder from BOOKDATA_TEST_POSTGRES_REPLICA_DATA (exported by .ci/postgres.sh).
# Run as root, pg_ctl runs as the folder's owner (`postgres`).
set -euo pipefail

data=${BOOKDATA_TEST_POSTGRES_REPLICA_DATA:-}
if [ -z "$data" ] || [ ! -f "$data/standby.signal" ]; then
    echo "postgres-replica: BOOKDATA_TEST_POSTGRES_REPLICA_DATA does not name a replica's data folder (.ci/postgres.sh sets it)" >&2
    exit 1
fi
initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
pg_ctl="$(dirname "$initdb")/pg_ctl"

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd "$data" && runuser -u "$(stat -c %U "$data")" -- "$@")
    else
        (cd "$data" && "$@")
    fi
}

case "${1:-}" in
    stop)
        as_owner "$pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null
        ;;
    start)
        # postmaster.opts holds the command line of the last start (port, socket folder, settings).
        as_owner "$pg_ctl" -D "$data" -l "$data/../replica.log" -w -t 60 \
            -o "$(sed -e 's/^[^ ]* "-D" "[^"]*" //' "$data/postmaster.opts")" start >/dev/null
        ;;
    *)
        echo "usage: .ci/postgres-replica.sh stop|start" >&2
        exit 1
        ;;
esac
