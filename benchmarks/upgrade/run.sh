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
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
# book in the shape 0001 and 0002 gave it: the (author, title) key a table constraint. The search index's
# table stays unopened (this Python's SQLite may lack its tokenizer options); only triggers name it.
c.executescript("""
PRAGMA foreign_keys = OFF;
PRAGMA legacy_alter_table = ON;
BEGIN;
DROP VIEW author_publisher;
CREATE TABLE new_book (
    book_id   INTEGER PRIMARY KEY,
    author_id INTEGER NOT NULL REFERENCES author (author_id),
    title     TEXT NOT NULL COLLATE NOCASE CHECK (length(title) BETWEEN 1 AND 500),
    -- Also serves as the index on the foreign key book.author_id.
    CONSTRAINT uq_book_author_title UNIQUE (author_id, title)
) STRICT;
INSERT INTO new_book SELECT book_id, author_id, title FROM book ORDER BY book_id;
DROP TABLE book;
ALTER TABLE new_book RENAME TO book;
CREATE INDEX ix_book_title ON book (title);
CREATE VIEW author_publisher (author_id, publisher_id) AS
SELECT DISTINCT b.author_id, bp.publisher_id
FROM book AS b
JOIN book_publisher AS bp ON bp.book_id = b.book_id;
DELETE FROM schema_version WHERE script_name = '0003_index_book_author_title.sql';
COMMIT;
""")
if sys.argv[2] == "0002":
    c.executescript("""
CREATE TRIGGER book_title_fts_insert AFTER INSERT ON book BEGIN
    INSERT INTO book_title_fts (rowid, title) VALUES (new.book_id, new.title);
END;
CREATE TRIGGER book_title_fts_delete AFTER DELETE ON book BEGIN
    INSERT INTO book_title_fts (book_title_fts, rowid, title) VALUES ('delete', old.book_id, old.title);
END;
CREATE TRIGGER book_title_fts_update AFTER UPDATE OF book_id, title ON book BEGIN
    INSERT INTO book_title_fts (book_title_fts, rowid, title) VALUES ('delete', old.book_id, old.title);
    INSERT INTO book_title_fts (rowid, title) VALUES (new.book_id, new.title);
END;
""")
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
