#!/usr/bin/env bash
# Upgrade benchmark: migrating a populated catalog from an earlier schema version to the latest, timed.
#
#   benchmarks/upgrade/run.sh [ROWS] [RUNS] [FROM]      (defaults: 1000000 3 0001)
#
#   FROM 0001  the catalog as 0001 left it: `bookdata migrate` applies 0002 (the title search index, filled over
#              every title) and 0003 (book rebuilt with its (author, title) key as a unique index)
#   FROM 0002  the catalog as 0002 left it: `bookdata migrate` applies 0003 alone
#
# Builds a catalog from the import benchmark's generated file (benchmarks/import/generate.py, sorted), brings it
# back to what FROM left (book rebuilt in 0001's shape with its key as a table constraint, the journal rows of the
# later scripts removed and, for 0001, the search index and its triggers removed; then VACUUM), and times
# `bookdata migrate` on a fresh copy of it RUNS times: process start, the checks and the scripts. Prints the wall
# time and peak memory of each run. Files go to artifacts/upgrade-bench/.
# Needs: the .NET SDK, python3 and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/../.."

rows=${1:-1000000}
runs=${2:-3}
from=${3:-0001}
case "$from" in 0001 | 0002) ;; *) echo "FROM must be 0001 or 0002, not '$from'" >&2; exit 1 ;; esac
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

template="$work/at-$from.db"
rm -f "$template" "$template"-wal "$template"-shm
dotnet benchmarks/BookData.ImportBench/bin/Release/net10.0/BookData.ImportBench.dll "$csv" "$template" >/dev/null
dotnet "$cli" sql --db "$template" "SELECT count(*) AS books FROM book" | tail -n 3
python3 - "$template" "$from" <<'PY'
import re, sqlite3, sys
# book, its title index and the view exactly as migration 0001 wrote them, and 0002's triggers, read from the scripts.
first = open("migrations/sqlite/0001_create_catalog.sql").read()
second = open("migrations/sqlite/0002_index_book_title_search.sql").read()
def statement(script, start):
    return re.search(re.escape(start) + r".*?;\n", script, re.S).group(0)
book = statement(first, "CREATE TABLE book (").replace("CREATE TABLE book (", "CREATE TABLE new_book (", 1)
title_index = statement(first, "CREATE INDEX ix_book_title ")
view = statement(first, "CREATE VIEW author_publisher ")
triggers = re.findall(r"CREATE TRIGGER .*?\nEND;\n", second, re.S)
assert len(triggers) == 3, "migration 0002 should create three triggers"
c = sqlite3.connect(sys.argv[1])
# book in the shape 0001 and 0002 gave it: the (author, title) key a table constraint. The search index's
# table stays unopened (this Python's SQLite may lack its tokenizer options); only triggers name it.
c.executescript(f"""
PRAGMA foreign_keys = OFF;
PRAGMA legacy_alter_table = ON;
BEGIN;
DROP VIEW author_publisher;
{book}
INSERT INTO new_book SELECT book_id, author_id, title FROM book ORDER BY book_id;
DROP TABLE book;
ALTER TABLE new_book RENAME TO book;
{title_index}
{view}
DELETE FROM schema_version WHERE script_name = '0003_index_book_author_title.sql';
COMMIT;
""")
if sys.argv[2] == "0002":
    c.executescript("".join(triggers))
else:
    c.executescript("""
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
