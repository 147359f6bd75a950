#!/usr/bin/env bash
# Peak memory of `bookdata sql` on large results: a generated catalog of about 300,000 books, read whole as tables and
# as JSON, and a 2,000,000-row recursive CTE; then the values SQLite would build beyond the 16 MiB length limit.
#
#   benchmarks/sql/run.sh [ROWS]      (default 430000 CSV rows, which hold 301,000 books)
#
# Each command runs once under GNU time (/usr/bin/time) with standard output to /dev/null; the table shows its exit
# code, wall time and peak resident memory (start-up included). Needs the .NET SDK, python3 and GNU time.
# Files go to artifacts/sql-bench/.
set -euo pipefail
cd "$(dirname "$0")/../.."

rows=${1:-430000}
work=artifacts/sql-bench
mkdir -p "$work"
csv="$work/catalog-$rows.csv"
db="$work/catalog-$rows.db"

if [ ! -f "$csv" ]; then
    echo "generating $csv ..."
    python3 benchmarks/import/generate.py "$rows" "$csv" sorted
fi
dotnet build src/BookData.Cli -c Release -nologo -v quiet >/dev/null
cli=src/BookData.Cli/bin/Release/net10.0/BookData.Cli.dll
if [ ! -f "$db" ]; then
    dotnet "$cli" import "$csv" --db "$db" >/dev/null
fi
echo "catalog: $(dotnet "$cli" sql "SELECT (SELECT count(*) FROM book) AS books, (SELECT count(*) FROM author) AS authors" --json --db "$db" | tr -d ' \n')"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

cte="WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x < 2000000) SELECT x FROM c"
echo
echo "| command | exit | wall time | peak memory | output | standard error |"
echo "|---|---:|---:|---:|---:|---|"
measure() {
    local label=$1
    shift
    set +e
    /usr/bin/time -f "%e %M" -o "$work/time.txt" dotnet "$cli" sql "$@" --db "$db" >"$work/out.txt" 2>"$work/err.txt"
    local code=$?
    set -e
    # GNU time writes "Command exited with non-zero status N" first when the exit code is not 0.
    read -r wall kilobytes < <(tail -n 1 "$work/time.txt")
    printf '| %s | %s | %s s | %s MiB | %s | %s |\n' "$label" "$code" "$wall" "$((kilobytes / 1024))" "$(du -h "$work/out.txt" | cut -f1)B" "$(head -c 70 "$work/err.txt")"
}
measure '`sql "SELECT * FROM book"`' "SELECT * FROM book"
measure '`sql "SELECT * FROM book" --json`' "SELECT * FROM book" --json
measure '`sql "SELECT * FROM book JOIN author USING (author_id)" --json`' "SELECT * FROM book JOIN author USING (author_id)" --json
measure '`sql "<2M-row recursive CTE>"`' "$cte"
measure '`sql "<2M-row recursive CTE>" --json`' "$cte" --json
measure '`sql "SELECT zeroblob(1000000000)"`' "SELECT zeroblob(1000000000)"
measure "\`sql \"SELECT printf('%.*c', 1000000000, 'x')\" --json\`" "SELECT printf('%.*c', 1000000000, 'x')" --json
measure "\`sql \"SELECT printf('%.*c', 16000000, 'x')\" --json\`" "SELECT printf('%.*c', 16000000, 'x')" --json
measure "\`sql \"SELECT printf('%.*c', 16000000, 'x')\"\`" "SELECT printf('%.*c', 16000000, 'x')"
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
