-- A book's identity, its (author, title) pair, moves from a table constraint to a unique index of the same
-- name. It means the same: one book per author and title (titles compared as COLLATE NOCASE), the index
-- that also serves lookups by author. What changes is that SQLite can drop and rebuild a named index, never a
-- table constraint's: an import into an empty catalog now builds this index by sorting after the load, as it
-- builds the others, instead of inserting each book's key into the middle of it (on a file whose authors are
-- interleaved, most of the load's time; docs/benchmarks.md).
--
-- SQLite cannot turn a constraint into an index in place, so book is rebuilt by the procedure of
-- docs/migrations.md: the migrator turns foreign keys off around this script and proves them before it
-- commits. Every book keeps its id, so the links and the title search index (which refers to books by id
-- and reads titles from book) stay as they are; the triggers that went with the old table are created again,
-- word for word as 0002 wrote them.
--
-- The rebuild copies BookData's three columns and recreates BookData's own indexes and triggers. Should the
-- catalog's owner have added columns, foreign keys, indexes or triggers to book (or changed ix_book_title), it
-- stops here, changing nothing, rather than lose them: the owner moves them off book, migrates, and adds them
-- back. Views and other tables' triggers that read book (author_publisher among them) are left as they are:
-- with the legacy rename below SQLite does not re-check them while book is briefly missing, and afterwards they
-- read the new book by its name. (A CHECK the owner added to book by rebuilding it would not be seen, and would go.)

CREATE TABLE book_0003_guard (
    own_objects TEXT,
    CONSTRAINT "book has columns, foreign keys, indexes or triggers that BookData did not create (list them with: SELECT name FROM pragma_table_xinfo('book'); SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'book' COLLATE NOCASE). Migration 0003 rebuilds book and would lose them: drop those indexes and triggers, copy those columns into a table of your own and drop them, migrate, then add them back" CHECK (own_objects IS NULL)
);

INSERT INTO book_0003_guard (own_objects)
SELECT group_concat(name, ', ')
FROM (
    SELECT name
    FROM sqlite_schema
    WHERE tbl_name = 'book' COLLATE NOCASE
      AND type IN ('index', 'trigger')
      AND sql IS NOT NULL
      AND name NOT IN ('ix_book_title', 'book_title_fts_insert', 'book_title_fts_delete', 'book_title_fts_update')
    UNION ALL
    SELECT name
    FROM sqlite_schema
    WHERE name = 'ix_book_title' AND sql IS NOT 'CREATE INDEX ix_book_title ON book (title)'
    UNION ALL
    SELECT name
    FROM pragma_table_xinfo('book')
    WHERE name NOT IN ('book_id', 'author_id', 'title') OR hidden <> 0
    UNION ALL
    SELECT 'foreign key ' || "from"
    FROM pragma_foreign_key_list('book')
    WHERE NOT ("from" = 'author_id' AND "table" = 'author')
);

DROP TABLE book_0003_guard;

PRAGMA legacy_alter_table = ON;

CREATE TABLE book_0003_rebuild (
    book_id   INTEGER PRIMARY KEY,
    author_id INTEGER NOT NULL REFERENCES author (author_id),
    title     TEXT NOT NULL COLLATE NOCASE CHECK (length(title) BETWEEN 1 AND 500)
) STRICT;

INSERT INTO book_0003_rebuild (book_id, author_id, title)
SELECT book_id, author_id, title FROM book ORDER BY book_id;

DROP TABLE book;
ALTER TABLE book_0003_rebuild RENAME TO book;

PRAGMA legacy_alter_table = OFF;

-- Also serves as the index on the foreign key book.author_id.
CREATE UNIQUE INDEX uq_book_author_title ON book (author_id, title);

CREATE INDEX ix_book_title ON book (title);

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
