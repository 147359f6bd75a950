#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite: a new cluster in a temp folder (trust auth on
# 127.0.0.1, UTF8, locale C.UTF-8, fsync off), listening on a free port of 127.0.0.1 with its Unix
# socket inside that folder. It is stopped and deleted when the caller exits. Needs Debian's PostgreSQL
# server binaries (apt-get install postgresql). Run as root, the server runs as the `postgres` user.
#
#   .ci/postgres.sh dotnet test BookData.sln   # run a command with BOOKDATA_TEST_POSTGRES set
#   .ci/postgres.sh                            # print the connection string, keep the server until Ctrl-C
#
# Sourced (as .ci/run does), it defines postgres_start, which exports BOOKDATA_TEST_POSTGRES and
# installs an EXIT trap that calls postgres_stop.

postgres_bin_dir() {
    local initdb
    initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
    [ -n "$initdb" ] && dirname "$initdb"
}

# Runs a PostgreSQL binary as the non-root user that owns the cluster, from the cluster folder (the
# caller's working directory may not be readable by that user).
postgres_as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd "$POSTGRES_TEST_DIR" && runuser -u postgres -- "$@")
    else
        (cd "$POSTGRES_TEST_DIR" && "$@")
    fi
}

postgres_port_in_use() {
    # A successful connect means something listens there.
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

postgres_stop() {
    if [ -n "${POSTGRES_TEST_DIR:-}" ] && [ -d "$POSTGRES_TEST_DIR" ]; then
        if [ -f "$POSTGRES_TEST_DIR/data/postmaster.pid" ]; then
            postgres_as_owner "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_TEST_DIR/data" -m immediate -w stop >/dev/null 2>&1
        fi
        rm -rf "$POSTGRES_TEST_DIR"
    fi
    POSTGRES_TEST_DIR=
}

# Starts the cluster and exports BOOKDATA_TEST_POSTGRES. Returns non-zero (after cleaning up) on failure.
postgres_start() {
    POSTGRES_BIN=$(postgres_bin_dir)
    if [ -z "$POSTGRES_BIN" ]; then
        echo "postgres: no PostgreSQL server binaries in /usr/lib/postgresql/*/bin (apt-get install postgresql)" >&2
        return 1
    fi
    if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
        echo "postgres: running as root needs the 'postgres' system user to own the cluster" >&2
        return 1
    fi

    POSTGRES_TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/bookdata-postgres.XXXXXX") || return 1
    trap postgres_stop EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres: "$POSTGRES_TEST_DIR"
    fi

    local user=bookdata data="$POSTGRES_TEST_DIR/data"
    if ! postgres_as_owner "$POSTGRES_BIN/initdb" -D "$data" -U "$user" --auth=trust \
            --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$POSTGRES_TEST_DIR/initdb.log" 2>&1; then
        cat "$POSTGRES_TEST_DIR/initdb.log" >&2
        echo "postgres: initdb failed" >&2
        postgres_stop
        return 1
    fi
    postgres_as_owner tee "$data/pg_hba.conf" >/dev/null <<EOF
# Throwaway test cluster: the socket folder is private to its owner; TCP only from 127.0.0.1.
local all all trust
host  all all 127.0.0.1/32 trust
EOF

    # A port can be taken between the check and the start: try a few.
    local attempt port
    for attempt in 1 2 3 4 5 6 7 8; do
        port=$((20000 + RANDOM % 40000))
        if postgres_port_in_use "$port"; then
            continue
        fi
        if postgres_as_owner "$POSTGRES_BIN/pg_ctl" -D "$data" -l "$POSTGRES_TEST_DIR/server.log" -w -t 60 \
                -o "-p $port -c listen_addresses=127.0.0.1 -k $POSTGRES_TEST_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
                start >/dev/null 2>&1; then
            local waited=0
            until pg_isready_cmd "$port"; do
                waited=$((waited + 1))
                if [ "$waited" -ge 60 ]; then
                    echo "postgres: the server on port $port did not become ready" >&2
                    cat "$POSTGRES_TEST_DIR/server.log" >&2
                    postgres_stop
                    return 1
                fi
                sleep 1
            done
            export BOOKDATA_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=$user;Database=postgres"
            echo "postgres: throwaway cluster in $POSTGRES_TEST_DIR, BOOKDATA_TEST_POSTGRES=$BOOKDATA_TEST_POSTGRES"
            return 0
        fi
        echo "postgres: could not start on port $port (attempt $attempt)" >&2
    done
    cat "$POSTGRES_TEST_DIR/server.log" >&2 2>/dev/null
    postgres_stop
    return 1
}

pg_isready_cmd() {
    "$POSTGRES_BIN/pg_isready" -q -h 127.0.0.1 -p "$1" -t 5
}

# Executed rather than sourced: start, run the command (or wait), stop.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -uo pipefail
    postgres_start || exit 1
    if [ "$#" -gt 0 ]; then
        "$@"
        exit $?
    fi
    echo "export BOOKDATA_TEST_POSTGRES=\"$BOOKDATA_TEST_POSTGRES\""
    echo "postgres: running until Ctrl-C"
    while true; do
        sleep 1
    done
fi
