#!/usr/bin/env bash
# Import benchmark: the same generated CSV file loaded three ways, side by side, on this machine.
#
#   benchmarks/import/run.sh [ROWS] [sorted|shuffled|both] [RUNS] [POSTGRES]     (defaults: 1000000 sorted 3)
#
#   sorted    each author's rows together (as BookData's export writes them)
#   shuffled  every author's rows spread over the whole file (authors interleaved)
#   both      the two files, each run interleaved with the other, one table per file
#
#   bookdata  BookData's CatalogImporter into a fresh, migrated catalog (benchmarks/BookData.ImportBench)
#   python    a careful Python stdlib sqlite3 import into the same schema (benchmarks/import/python_import.py)
#   sqlite3   the sqlite3 shell's .import into one flat table (no normalization, no indexes)
#   postgres  only when BOOKDATA_BENCH_POSTGRES is set: BookData's CatalogImporter into PostgreSQL (COPY into a
#             staging table, then set-based inserts), same program, same file, in the same interleaved runs
#
# BOOKDATA_BENCH_POSTGRES  an Npgsql connection string, e.g.
#                          Host=127.0.0.1;Port=5432;Username=bookdata;Database=bookdata_importbench
#                          The database is created by BookData's migrator if missing (the user needs CREATEDB)
#                          and EMPTIED before every run. Unset: PostgreSQL is not part of the benchmark.
#
# POSTGRES (or BOOKDATA_TEST_POSTGRES)  an Npgsql connection string of a user who may create databases, e.g.
#                          Host=127.0.0.1;Port=5432;Username=bookdata;Database=postgres
#                          Given, the script ends with the PostgreSQL comparison: the ROWS-row shuffled file (authors
#                          interleaved), psql's \copy into one flat table against BookData's import into a fresh,
#                          migrated database (bookdata_importbench_pg, dropped and created each run), RUNS times
#                          interleaved; both times, their ratio, the client's peak memory and /proc/loadavg per run,
#                          and the medians. Needs psql (PATH or /usr/lib/postgresql/*/bin).
# BOOKDATA_BENCH_PYTHON=0  leaves the Python import out (and its check that both catalogs hold the same rows).
#
# Each contender runs RUNS times, interleaved; the table shows the median wall time and peak resident
# memory of the whole process (/usr/bin/time), start-up and schema creation included.
# Needs: the .NET SDK, python3, sqlite3 and GNU time (/usr/bin/time). Files go to artifacts/import-bench/.
set -euo pipefail
cd "$(dirname "$0")/../.."

rows=${1:-1000000}
order=${2:-sorted}
runs=${3:-3}
work=artifacts/import-bench
mkdir -p "$work"
if [ "$order" = both ]; then orders="sorted shuffled"; else orders=$order; fi
for shape in $orders; do
    csv="$work/catalog-$rows-$shape.csv"
    if [ ! -f "$csv" ]; then
        echo "generating $csv ..."
        python3 benchmarks/import/generate.py "$rows" "$csv" "$shape"
    fi
done
dotnet build benchmarks/BookData.ImportBench -c Release -nologo -v quiet >/dev/null
bench=benchmarks/BookData.ImportBench/bin/Release/net10.0/BookData.ImportBench.dll

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
counts() { sqlite3 "$1" "SELECT (SELECT count(*) FROM author), (SELECT count(*) FROM book), (SELECT count(*) FROM publisher), (SELECT count(*) FROM book_publisher);"; }
check_counts() {
    if [ "${BOOKDATA_BENCH_PYTHON:-1}" != 0 ] && [ "$(counts "$work/bookdata.db")" != "$(counts "$work/python.db")" ]; then
        echo "the BookData and Python imports differ: $(counts "$work/bookdata.db") vs $(counts "$work/python.db")" >&2
        exit 1
    fi
    echo "  catalog (authors|books|publishers|links): $(counts "$work/bookdata.db")"
    if [ -n "${BOOKDATA_BENCH_POSTGRES:-}" ]; then
        local postgres_counts
        postgres_counts=$(dotnet "$bench" --counts "$BOOKDATA_BENCH_POSTGRES")
        if [ "$postgres_counts" != "$(counts "$work/bookdata.db")" ]; then
            echo "the PostgreSQL and SQLite imports differ: $postgres_counts vs $(counts "$work/bookdata.db")" >&2
            exit 1
        fi
    fi
}
for shape in $orders; do : >"$work/results-$shape.txt"; done
measure() {
    local name=$1
    shift
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >"$work/$name.out"
    read -r wall kilobytes <"$work/time.txt"
    echo "$name $wall $kilobytes" >>"$results"
    echo "  $name: $wall s, $((kilobytes / 1024)) MiB  ($(tail -n 1 "$work/$name.out"))"
}

for run in $(seq "$runs"); do
  for shape in $orders; do
    csv="$work/catalog-$rows-$shape.csv"
    results="$work/results-$shape.txt"
    echo "run $run of $runs, $shape"
    rm -f "$work"/*.db "$work"/*.db-wal "$work"/*.db-shm
    measure bookdata dotnet "$bench" "$csv" "$work/bookdata.db"
    [ "${BOOKDATA_BENCH_PYTHON:-1}" = 0 ] || measure python python3 benchmarks/import/python_import.py "$csv" "$work/python.db" migrations/sqlite/0001_create_catalog.sql
    if [ -n "${BOOKDATA_BENCH_POSTGRES:-}" ]; then
        measure postgres dotnet "$bench" "$csv" "$BOOKDATA_BENCH_POSTGRES"
    fi
    measure sqlite3 sqlite3 "$work/flat.db" \
        "CREATE TABLE flat (first_name TEXT, last_name TEXT, title TEXT, publisher TEXT);" \
        ".mode csv" ".import --skip 1 $csv flat"
    # Both normalized imports must hold the same catalog.
    check_counts
  done
done

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

postgres=${4:-${BOOKDATA_TEST_POSTGRES:-}}
if [ -n "$postgres" ]; then
    psql=$(command -v psql || ls /usr/lib/postgresql/*/bin/psql | tail -n 1)
    # The Npgsql connection string as libpq key=value pairs (Host, Port, Username, Password, Database).
    libpq() {
        python3 - "$1" "$2" <<'PY2'
import sys
names = {"host": "host", "server": "host", "port": "port", "username": "user", "user id": "user", "password": "password", "database": "dbname"}
pairs = dict(part.split("=", 1) for part in sys.argv[1].split(";") if "=" in part)
pairs = {names[k.strip().lower()]: v.strip() for k, v in pairs.items() if k.strip().lower() in names}
pairs["dbname"] = sys.argv[2] or pairs.get("dbname", "postgres")
print(" ".join(f"{k}='{v}'" for k, v in pairs.items()))
PY2
    }
    pgcsv="$work/catalog-$rows-shuffled.csv"
    [ -f "$pgcsv" ] || python3 benchmarks/import/generate.py "$rows" "$pgcsv" shuffled
    admin=$(libpq "$postgres" "")
    bench_db=bookdata_importbench_pg
    target=$(python3 -c "import re,sys; s=sys.argv[1]; print(re.sub(r'(?i)(^|;)\s*database\s*=[^;]*', '', s).strip(';') + ';Database=$bench_db')" "$postgres")
    pgresults="$work/postgres-results.txt"
    : >"$pgresults"
    echo "PostgreSQL: $("$psql" "$admin" -Atc 'SELECT version()' | cut -d' ' -f1-2), $pgcsv"
    for run in $(seq "$runs"); do
        "$psql" "$admin" -q -c "DROP TABLE IF EXISTS bench_flat" -c "CREATE TABLE bench_flat (first_name text, last_name text, title text, publisher text)"
        load=$(cut -d' ' -f1-3 /proc/loadavg)
        start=$(date +%s.%N)
        "$psql" "$admin" -q -c "\\copy bench_flat FROM '$pgcsv' CSV HEADER"
        copy=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$start" "$(date +%s.%N)")
        "$psql" "$admin" -q -c "DROP TABLE bench_flat"
        "$psql" "$admin" -q -c "DROP DATABASE IF EXISTS $bench_db" 2>/dev/null
        /usr/bin/time -v -o "$work/pgtime.txt" dotnet "$bench" "$pgcsv" "$target" >"$work/postgres.out"
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$work/pgtime.txt")
        rss=$(awk -F': ' '/Maximum resident set size/ { print int($2 / 1024) }' "$work/pgtime.txt")
        echo "$copy $wall $rss" >>"$pgresults"
        echo "  run $run: \\copy $copy s, BookData import $wall s ($(python3 -c "import sys; print(f'{float(sys.argv[2]) / float(sys.argv[1]):.1f}')" "$copy" "$wall")x), client peak $rss MiB, load $load  ($(tail -n 1 "$work/postgres.out"))"
    done
    python3 - "$pgresults" <<'PY2'
import statistics
import sys
runs = [tuple(map(float, line.split())) for line in open(sys.argv[1])]
copy = statistics.median(r[0] for r in runs)
wall = statistics.median(r[1] for r in runs)
ratio = statistics.median(r[1] / r[0] for r in runs)
print(f"PostgreSQL, median of {len(runs)}: \\copy {copy:.2f} s, BookData import {wall:.2f} s, ratio {ratio:.1f}x (median of per-run ratios), client peak {max(r[2] for r in runs):.0f} MiB")
PY2
fi

for shape in $orders; do
python3 - "$work/results-$shape.txt" "$rows" "$shape" "$runs" <<'PY'
import statistics
import sys

path, rows, order, runs = sys.argv[1:]
times, memory = {}, {}
for line in open(path):
    name, wall, kilobytes = line.split()
    times.setdefault(name, []).append(float(wall))
    memory.setdefault(name, []).append(int(kilobytes) / 1024)
wall = {name: statistics.median(values) for name, values in times.items()}
print(f"\n{int(rows):,} rows ({order}), median of {runs} runs\n")
print("| importer | wall time | peak memory | BookData is |")
print("|---|---:|---:|---|")
labels = {
    "bookdata": "BookData `CatalogImporter` (normalized schema)",
    "postgres": "BookData `CatalogImporter` into PostgreSQL (same schema, COPY)",
    "python": "Python stdlib `sqlite3` (same schema)",
    "sqlite3": "`sqlite3 .import` (one flat table)",
}
for name in ("bookdata", "postgres", "python", "sqlite3"):
    if name not in wall:
        continue
    ratio = wall[name] / wall["bookdata"]
    relation = "" if name == "bookdata" else (f"{ratio:.1f}x faster" if ratio >= 1 else f"{1 / ratio:.1f}x slower")
    print(f"| {labels[name]} | {wall[name]:.2f} s | {max(memory[name]):.0f} MiB | {relation} |")
if "sqlite3" in wall:
    ratios = [b / s for b, s in zip(times["bookdata"], times["sqlite3"])]
    print(f"\nBookData / sqlite3 .import in the same run: median {statistics.median(ratios):.2f}x; "
          f"per run {', '.join(f'{r:.2f}x' for r in ratios)}")
PY
done
