#!/usr/bin/env bash
# The PostgreSQL part of run.sh alone: psql's \copy of the interleaved file into one flat table against BookData's
# import into a fresh, migrated database, RUNS times interleaved, both under `nice -n -15`, with the server's
# processes (those of the cluster at PGDATA, if given) reniced alike for the measurement.
#
#   benchmarks/import/postgres-copy.sh 'Host=127.0.0.1;Port=5432;Username=bookdata;Database=postgres' [RUNS] [ROWS] [PGDATA]
#
# Prints per run: \copy and import wall time, their ratio, the client's peak memory (/usr/bin/time -v) and the load
# average; then the medians. Needs root for the negative nice value.
set -uo pipefail
cd "$(dirname "$0")/../.."
postgres=$1 runs=${2:-3} rows=${3:-1000000} pgdata=${4:-}
psql=$(command -v psql || ls /usr/lib/postgresql/*/bin/psql | tail -n 1)
csv=artifacts/import-bench/catalog-$rows-shuffled.csv
[ -f "$csv" ] || python3 benchmarks/import/generate.py "$rows" "$csv" shuffled
dotnet build benchmarks/BookData.ImportBench -c Release -nologo -v quiet >/dev/null
bench=benchmarks/BookData.ImportBench/bin/Release/net10.0/BookData.ImportBench.dll
if [ -n "$pgdata" ]; then
    postmaster=$(head -n 1 "$pgdata/postmaster.pid")
    renice -n -15 -p "$postmaster" $(pgrep -P "$postmaster") >/dev/null
fi
field() { python3 -c "import sys; print(dict(p.split('=', 1) for p in sys.argv[1].split(';') if '=' in p).get(sys.argv[2], sys.argv[3]))" "$postgres" "$1" "$2"; }
admin="host=$(field Host 127.0.0.1) port=$(field Port 5432) user=$(field Username postgres) dbname=$(field Database postgres)"
target="Host=$(field Host 127.0.0.1);Port=$(field Port 5432);Username=$(field Username postgres);Database=bookdata_importbench_pg"
results=$(mktemp)
for run in $(seq "$runs"); do
    "$psql" "$admin" -q -c "DROP TABLE IF EXISTS bench_flat" -c "CREATE TABLE bench_flat (first_name text, last_name text, title text, publisher text)" 2>/dev/null
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    start=$(date +%s.%N)
    nice -n -15 "$psql" "$admin" -q -c "\\copy bench_flat FROM '$csv' CSV HEADER"
    copy=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$start" "$(date +%s.%N)")
    "$psql" "$admin" -q -c "DROP TABLE bench_flat" -c "DROP DATABASE IF EXISTS bookdata_importbench_pg" 2>/dev/null
    nice -n -15 /usr/bin/time -v -o "$results.time" dotnet "$bench" "$csv" "$target" >"$results.out"
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$results.time")
    rss=$(awk -F': ' '/Maximum resident set size/ { print int($2 / 1024) }' "$results.time")
    echo "$copy $wall $rss" >>"$results"
    echo "run $run: \\copy $copy s, import $wall s ($(python3 -c "import sys; print(f'{float(sys.argv[2]) / float(sys.argv[1]):.1f}')" "$copy" "$wall")x), client peak $rss MiB, load $load | $(tail -n 1 "$results.out")"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$results" <<'PY'
import statistics, sys
runs = [tuple(map(float, line.split())) for line in open(sys.argv[1])]
print(f"median of {len(runs)}: \\copy {statistics.median(r[0] for r in runs):.2f} s, import {statistics.median(r[1] for r in runs):.2f} s, "
      f"ratio {statistics.median(r[1] / r[0] for r in runs):.1f}x (median of per-run ratios), client peak {max(r[2] for r in runs):.0f} MiB")
PY
rm -f "$results" "$results.time" "$results.out"
