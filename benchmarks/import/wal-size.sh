#!/usr/bin/env bash
# How large the write-ahead log stays after a large import into a non-empty catalog, in a process that keeps
# running (a host): the -wal file beside the database after the import and after 20 add-books.
#
#   benchmarks/import/wal-size.sh [ROWS]     (default: 300000)
#
# Uses benchmarks/import/generate.py's sorted file of ROWS rows and BookData.ImportBench --wal-size.
# Files go to artifacts/import-bench/.
set -euo pipefail
cd "$(dirname "$0")/../.."

rows=${1:-300000}
work=artifacts/import-bench
mkdir -p "$work"
csv="$work/catalog-$rows-sorted.csv"
if [ ! -f "$csv" ]; then
    echo "generating $csv ..."
    python3 benchmarks/import/generate.py "$rows" "$csv" sorted
fi
dotnet build benchmarks/BookData.ImportBench -c Release -nologo -v quiet >/dev/null
dotnet benchmarks/BookData.ImportBench/bin/Release/net10.0/BookData.ImportBench.dll --wal-size "$csv" "$work/wal-size.db"
