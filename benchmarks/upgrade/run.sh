#!/usr/bin/env bash
# Upgrade benchmark: migrating a catalog filled at migration 0001 to 0002 (the title search index), timed.
#
#   benchmarks/upgrade/run.sh [ROWS] [RUNS]      (defaults: 1000000 3)
#
# Builds a catalog from the import benchmark's generated file (benchmarks/import/generate.py, sorted), brings it
# back to what 0001 left (the index, its triggers and its journal row removed, then VACUUM), and times
# `bookdata migrate` on a fresh copy of it RUNS times: process start, the checks, 0002 and its fill of the
# index over every title. Prints the wall time and peak memory of each run. Files go to artifacts/upgrade-bench/.
# Needs: the .NET SDK, python3 and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/../.."

rows=${1:-1000000}
runs=${2:-3}
work=artifacts/upgrade-bench
mkdir -p "$work" artifacts/import-bench
csv="artifacts/import-bench/catalog-$rows-sorted.csv"
if [ ! -f "$csv" ]; then
    echo "generating $csv ..."
    python3 benchmarks/import/generate.py "$rows" "$csv" sorted
fi

dotnet build benchmarks/BookData.ImportBench -c Release -nologo -v quiet >/dev/null
dotnet build src/BookData.Cli -c Release -nologo -v quiet >/dev/null
cli=src/BookData.Cli/bin/Release/net10.0/BookData.Cli.dll

template="$work/at-0001.db"
rm -f "$template" "$template"-wal "$template"-shm
dotnet benchmarks/BookData.ImportBench/bin/Release/net10.0/BookData.ImportBench.dll "$csv" "$template" >/dev/null
dotnet "$cli" sql --db "$template" "SELECT count(*) AS books FROM book" | tail -n 3
python3 - "$template" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript("""
DROP TRIGGER book_title_fts_insert;
DROP TRIGGER book_title_fts_delete;
DROP TRIGGER book_title_fts_update;
PRAGMA writable_schema = ON;
DELETE FROM sqlite_schema WHERE name LIKE 'book_title_fts%';
PRAGMA writable_schema = OFF;
DELETE FROM schema_version WHERE script_name = '0002_index_book_title_search.sql';
""")
c.commit()
c.execute("VACUUM")
c.close()
PY

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
for run in $(seq "$runs"); do
    copy="$work/run.db"
    rm -f "$copy" "$copy"-wal "$copy"-shm "$copy".migrate.lock
    cp "$template" "$copy"
    /usr/bin/time -f "%e %M" -o "$work/time.txt" dotnet "$cli" migrate --db "$copy" >"$work/migrate.out"
    read -r wall kilobytes <"$work/time.txt"
    echo "run $run: $wall s, $((kilobytes / 1024)) MiB ($(tail -n 1 "$work/migrate.out"))"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
