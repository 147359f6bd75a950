#!/usr/bin/env bash
# Import benchmark: the same generated CSV file loaded three ways, side by side, on this machine.
#
#   benchmarks/import/run.sh [ROWS] [sorted|shuffled|both] [RUNS]     (defaults: 1000000 sorted 3)
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
