#!/usr/bin/env bash
# One variant of the title search index's build, timed in the sqlite3 shell on a copy of base.db (a catalog at
# migration 0001; make it with: python3 benchmarks/import/python_import.py FILE.csv base.db
# migrations/sqlite/0001_create_catalog.sql). Files go to artifacts/title-index/.
#   benchmarks/title-index/try.sh NAME "SQL"
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p artifacts/title-index && cd artifacts/title-index
name=$1; sql=$2
cp base.db "t-$name.db"
start=$(date +%s.%N)
sqlite3 "t-$name.db" "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-32768;" "$sql" >/dev/null
end=$(date +%s.%N)
size=$(sqlite3 "t-$name.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null; stat -c %s "t-$name.db")
printf "%-28s %6.2f s  %6.1f MiB  load %s\n" "$name" "$(echo "$end - $start" | bc)" "$(echo "$size/1048576" | bc -l)" "$(cut -d' ' -f1 /proc/loadavg)"
