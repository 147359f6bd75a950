#!/usr/bin/env python3
"""A careful Python standard-library import of the catalog CSV into the normalized BookData schema.

Usage: python_import.py FILE.csv DATABASE.db SCHEMA.sql

What "careful" means here: one transaction for the whole file, dictionary caches for every id
(no SELECT per row), ids assigned in Python so new rows go in with executemany in chunks, the same
normalization (trim, collapse white space) and case-insensitive identity as BookData, foreign keys on,
WAL journal and synchronous=NORMAL like BookData's connections, and a 64 MiB page cache (twice the
32 MiB BookData's importer uses by default; Python keeps every index live, so the larger cache helps it).
The schema is BookData's own migration script, so the indexes are the same.
"""
import csv
import sqlite3
import sys
import time

CHUNK = 50_000


def normalize(value):
    return " ".join(value.split())


def main():
    csv_path, db_path, schema_path = sys.argv[1], sys.argv[2], sys.argv[3]
    started = time.perf_counter()
    connection = sqlite3.connect(db_path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.executescript(open(schema_path, encoding="utf-8").read())
    connection.execute("PRAGMA cache_size = -65536")

    authors, publishers, books, links = {}, {}, {}, set()
    new_authors, new_publishers, new_books, new_links = [], [], [], []
    rows = 0

    def flush():
        connection.executemany("INSERT INTO author (author_id, first_name, last_name) VALUES (?, ?, ?)", new_authors)
        connection.executemany("INSERT INTO publisher (publisher_id, name) VALUES (?, ?)", new_publishers)
        connection.executemany("INSERT INTO book (book_id, author_id, title) VALUES (?, ?, ?)", new_books)
        connection.executemany("INSERT INTO book_publisher (book_id, publisher_id) VALUES (?, ?)", new_links)
        new_authors.clear()
        new_publishers.clear()
        new_books.clear()
        new_links.clear()

    connection.execute("BEGIN IMMEDIATE")
    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = [name.strip().lower() for name in next(reader)]
        i_first, i_last = header.index("first_name"), header.index("last_name")
        i_title, i_publisher = header.index("title"), header.index("publisher")
        for record in reader:
            if not record:
                continue
            rows += 1
            first, last = normalize(record[i_first]), normalize(record[i_last])
            title, publisher = normalize(record[i_title]), normalize(record[i_publisher])
            if not last or not title or not publisher:
                raise SystemExit(f"line {reader.line_num}: missing value")

            key = (last.lower(), first.lower())
            author_id = authors.get(key)
            if author_id is None:
                author_id = authors[key] = len(authors) + 1
                new_authors.append((author_id, first, last))

            key = publisher.lower()
            publisher_id = publishers.get(key)
            if publisher_id is None:
                publisher_id = publishers[key] = len(publishers) + 1
                new_publishers.append((publisher_id, publisher))

            key = (author_id, title.lower())
            book_id = books.get(key)
            if book_id is None:
                book_id = books[key] = len(books) + 1
                new_books.append((book_id, author_id, title))

            link = (book_id, publisher_id)
            if link not in links:
                links.add(link)
                new_links.append(link)

            if rows % CHUNK == 0:
                flush()
    flush()
    connection.execute("COMMIT")
    connection.close()
    elapsed = time.perf_counter() - started
    print(f"Python import: {rows} rows, {len(authors)} authors, {len(books)} books, "
          f"{len(publishers)} publishers, {len(links)} links added in {elapsed:.2f} s")


if __name__ == "__main__":
    main()
