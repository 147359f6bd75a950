#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite: a new cluster in a temp folder (trust auth on
# 127.0.0.1, UTF8, locale C.UTF-8, fsync off), listening on a free port of 127.0.0.1 with its Unix
# socket inside that folder. It is stopped and deleted when the caller exits. Needs Debian's PostgreSQL
# server binaries (apt-get install postgresql). Run as root, the server runs as the `postgres` user.
#
# Beside the cluster, each on its own free port of 127.0.0.1 and stopped with it:
#   - a streaming replica (pg_basebackup -R into a second data folder, hot standby), read-only;
#   - PgBouncer (Debian's `pgbouncer` package) in transaction pooling mode in front of the primary,
#     with a wildcard database entry, so every per-test database is reachable through it.
# Either is left out, with a message, when it cannot start (no pgbouncer binary, for example); the
# tests that need it are then skipped.
#
#   .ci/postgres.sh dotnet test BookData.sln   # run a command with the variables below set
#   .ci/postgres.sh                            # print the variables, keep the servers until Ctrl-C
#
# Exported variables (Npgsql connection strings unless said otherwise):
#   BOOKDATA_TEST_POSTGRES               the primary, as a user who may create databases
#   BOOKDATA_TEST_POSTGRES_REPLICA       the replica, same user (read-only: create on the primary)
#   BOOKDATA_TEST_POSTGRES_REPLICA_DATA  the replica's data folder, for .ci/postgres-replica.sh
#   BOOKDATA_TEST_POSTGRES_REPLICA_CTL   the path of .ci/postgres-replica.sh (stop|start the replica)
#   BOOKDATA_TEST_POSTGRES_POOLED        PgBouncer, same user, with No Reset On Close=true (Npgsql's
#                                        advice for PgBouncer's transaction mode)
#
# Sourced (as .ci/run does), it defines postgres_start, which exports them and installs an EXIT trap
# that calls postgres_stop. POSTGRES_REPLICA=0 / POSTGRES_POOLER=0 leave a part out.

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

# A free port of 127.0.0.1 (free when checked: a start can still lose a race, so callers retry).
postgres_free_port() {
    local port
    while true; do
        port=$((20000 + RANDOM % 40000))
        if ! postgres_port_in_use "$port"; then
            echo "$port"
            return 0
        fi
    done
}

postgres_stop() {
    if [ -n "${POSTGRES_TEST_DIR:-}" ] && [ -d "$POSTGRES_TEST_DIR" ]; then
        if [ -f "$POSTGRES_TEST_DIR/pgbouncer.pid" ]; then
            kill "$(cat "$POSTGRES_TEST_DIR/pgbouncer.pid")" 2>/dev/null
        fi
        local data
        for data in "$POSTGRES_TEST_DIR/replica" "$POSTGRES_TEST_DIR/data"; do
            if [ -f "$data/postmaster.pid" ]; then
                postgres_as_owner "$POSTGRES_BIN/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1
            fi
        done
        rm -rf "$POSTGRES_TEST_DIR"
    fi
    POSTGRES_TEST_DIR=
}

# Starts a streaming replica of the primary on $1 (its port): a base backup with -R (standby.signal and
# primary_conninfo written for us), started with the primary's settings. Its replication slot keeps the
# primary from recycling WAL the replica has not received (without it a replica that falls behind a burst
# of writes, or is stopped by a test, never catches up). Exports the replica variables.
postgres_start_replica() {
    local primary_port=$1 replica="$POSTGRES_TEST_DIR/replica" user=bookdata
    if ! postgres_as_owner "$POSTGRES_BIN/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U "$user" \
            -D "$replica" -R -C -S bookdata_replica -X stream --checkpoint=fast --no-sync >"$POSTGRES_TEST_DIR/basebackup.log" 2>&1; then
        cat "$POSTGRES_TEST_DIR/basebackup.log" >&2
        echo "postgres: pg_basebackup failed; no replica" >&2
        return 1
    fi
    local attempt port
    for attempt in 1 2 3 4 5; do
        port=$(postgres_free_port)
        if postgres_as_owner "$POSTGRES_BIN/pg_ctl" -D "$replica" -l "$POSTGRES_TEST_DIR/replica.log" -w -t 60 \
                -o "-p $port $(postgres_server_options) -c hot_standby=on -c hot_standby_feedback=on" \
                start >/dev/null 2>&1; then
            export BOOKDATA_TEST_POSTGRES_REPLICA="Host=127.0.0.1;Port=$port;Username=$user;Database=postgres"
            export BOOKDATA_TEST_POSTGRES_REPLICA_DATA="$replica"
            export BOOKDATA_TEST_POSTGRES_REPLICA_CTL
            BOOKDATA_TEST_POSTGRES_REPLICA_CTL="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/postgres-replica.sh"
            echo "postgres: streaming replica, BOOKDATA_TEST_POSTGRES_REPLICA=$BOOKDATA_TEST_POSTGRES_REPLICA"
            return 0
        fi
        echo "postgres: could not start the replica on port $port (attempt $attempt)" >&2
    done
    cat "$POSTGRES_TEST_DIR/replica.log" >&2 2>/dev/null
    return 1
}

# Starts PgBouncer in transaction pooling mode in front of the primary on $1 (its port). Exports
# BOOKDATA_TEST_POSTGRES_POOLED. PgBouncer refuses to run as root, so it runs as the cluster's owner.
postgres_start_pooler() {
    local primary_port=$1 pgbouncer user=bookdata
    pgbouncer=$(command -v pgbouncer || ls /usr/sbin/pgbouncer 2>/dev/null)
    if [ -z "$pgbouncer" ]; then
        echo "postgres: no pgbouncer binary (apt-get install pgbouncer); no pooler" >&2
        return 1
    fi
    # Trust auth: PgBouncer checks nothing, but the user names must be listed.
    postgres_as_owner tee "$POSTGRES_TEST_DIR/pgbouncer-users.txt" >/dev/null <<EOF
"$user" ""
EOF
    local attempt port
    for attempt in 1 2 3 4 5; do
        port=$(postgres_free_port)
        # max_prepared_statements is left out: Debian 12 ships PgBouncer 1.18, which has no such setting
        # (1.21 added prepared statements in transaction mode; before it they fail across transactions).
        postgres_as_owner tee "$POSTGRES_TEST_DIR/pgbouncer.ini" >/dev/null <<EOF
[databases]
* = host=127.0.0.1 port=$primary_port

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $POSTGRES_TEST_DIR/pgbouncer-users.txt
admin_users = $user
pool_mode = transaction
max_client_conn = 500
default_pool_size = 20
logfile = $POSTGRES_TEST_DIR/pgbouncer.log
pidfile = $POSTGRES_TEST_DIR/pgbouncer.pid
EOF
        # Its log file is its own (written as the owner); what it says before daemonizing goes to stderr.
        if postgres_as_owner "$pgbouncer" -d -q "$POSTGRES_TEST_DIR/pgbouncer.ini" 2>>"$POSTGRES_TEST_DIR/pgbouncer.err"; then
            local waited=0
            until "$POSTGRES_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U "$user" -d postgres -t 5; do
                waited=$((waited + 1))
                if [ "$waited" -ge 50 ]; then
                    break
                fi
                sleep 0.1
            done
            if [ "$waited" -lt 50 ]; then
                export BOOKDATA_TEST_POSTGRES_POOLED="Host=127.0.0.1;Port=$port;Username=$user;Database=postgres;No Reset On Close=true"
                echo "postgres: PgBouncer $("$pgbouncer" --version | head -n 1 | awk '{print $2}') (transaction pooling), BOOKDATA_TEST_POSTGRES_POOLED=$BOOKDATA_TEST_POSTGRES_POOLED"
                return 0
            fi
            if [ -f "$POSTGRES_TEST_DIR/pgbouncer.pid" ]; then
                kill "$(cat "$POSTGRES_TEST_DIR/pgbouncer.pid")" 2>/dev/null
            fi
        fi
        echo "postgres: could not start PgBouncer on port $port (attempt $attempt)" >&2
    done
    cat "$POSTGRES_TEST_DIR/pgbouncer.err" "$POSTGRES_TEST_DIR/pgbouncer.log" >&2 2>/dev/null
    return 1
}

postgres_server_options() {
    echo "-c listen_addresses=127.0.0.1 -k $POSTGRES_TEST_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
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

    unset BOOKDATA_TEST_POSTGRES_REPLICA BOOKDATA_TEST_POSTGRES_REPLICA_DATA BOOKDATA_TEST_POSTGRES_REPLICA_CTL \
        BOOKDATA_TEST_POSTGRES_POOLED
    POSTGRES_PART_FAILED=
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
host  replication all 127.0.0.1/32 trust
EOF

    # A port can be taken between the check and the start: try a few.
    local attempt port
    for attempt in 1 2 3 4 5 6 7 8; do
        port=$((20000 + RANDOM % 40000))
        if postgres_port_in_use "$port"; then
            continue
        fi
        if postgres_as_owner "$POSTGRES_BIN/pg_ctl" -D "$data" -l "$POSTGRES_TEST_DIR/server.log" -w -t 60 \
                -o "-p $port $(postgres_server_options)" \
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
            if [ "${POSTGRES_REPLICA:-1}" != 0 ]; then
                postgres_start_replica "$port" || POSTGRES_PART_FAILED="${POSTGRES_PART_FAILED:+$POSTGRES_PART_FAILED and }replica"
            fi
            if [ "${POSTGRES_POOLER:-1}" != 0 ]; then
                postgres_start_pooler "$port" || POSTGRES_PART_FAILED="${POSTGRES_PART_FAILED:+$POSTGRES_PART_FAILED and }PgBouncer"
            fi
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
    for variable in BOOKDATA_TEST_POSTGRES BOOKDATA_TEST_POSTGRES_REPLICA BOOKDATA_TEST_POSTGRES_REPLICA_DATA \
            BOOKDATA_TEST_POSTGRES_REPLICA_CTL BOOKDATA_TEST_POSTGRES_POOLED; do
        if [ -n "${!variable:-}" ]; then
            echo "export $variable=\"${!variable}\""
        fi
    done
    echo "postgres: running until Ctrl-C"
    while true; do
        sleep 1
    done
fi
