#!/usr/bin/env bash
# The variants of docs/benchmarks.md "Building the index", 3 rounds; run from the repository root with
# artifacts/title-index/base.db in place (see try.sh).
cd "$(dirname "$0")/../.."
try=benchmarks/title-index/try.sh
T="tokenize='trigram case_sensitive 0'"
E="CREATE VIRTUAL TABLE f USING fts5(title, content='book', content_rowid='book_id'"
I="INSERT INTO f(rowid,title) SELECT book_id, title FROM book ORDER BY book_id;"
for r in 1 2 3; do
  "$try" full-rebuild "$E, $T); INSERT INTO f(f) VALUES('rebuild');"
  "$try" none-cs0-rebuild "$E, detail=none, columnsize=0, $T); INSERT INTO f(f) VALUES('rebuild');"
  "$try" full-insel "$E, $T); $I"
  "$try" none-insel "$E, detail=none, $T); $I"
  "$try" none-cs0-insel "$E, detail=none, columnsize=0, $T); $I"
  "$try" none-cs0-insel-automerge0 "$E, detail=none, columnsize=0, $T); INSERT INTO f(f,rank) VALUES('automerge',0); $I"
  "$try" none-cs0-insel-hash16M "$E, detail=none, columnsize=0, $T); INSERT INTO f(f,rank) VALUES('hashsize',16777216); $I"
  "$try" none-cs0-insel-cache256M "PRAGMA cache_size=-262144; $E, detail=none, columnsize=0, $T); $I"
  "$try" contentless-none-cs0 "CREATE VIRTUAL TABLE f USING fts5(title, content='', detail=none, columnsize=0, $T); $I"
  "$try" sqlite3-index-title "CREATE INDEX ix2 ON book(title);"
  rm -f artifacts/title-index/t-*.db
done
