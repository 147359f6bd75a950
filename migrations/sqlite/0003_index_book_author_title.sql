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
-- and reads titles from book) stay as they are; the view and the triggers that went with the old table
-- are created again, word for word as 0001 and 0002 wrote them.
--
-- Indexes and triggers on book go with the old table. The script knows BookData's own; should the catalog's owner
-- have added any, it stops here (nothing is changed) rather than drop them: the owner drops them, migrates, and
-- creates them again. Views and other tables' triggers that read book need nothing: with the legacy rename below,
-- SQLite does not re-check them while book is briefly missing, and they read the new book by its name.

CREATE TABLE book_rebuild_guard (
    own_objects TEXT,
    CONSTRAINT "book has indexes or triggers not created by BookData (listed by: SELECT type, name FROM sqlite_schema WHERE tbl_name = 'book'); drop them, migrate, then create them again" CHECK (own_objects IS NULL)
);

INSERT INTO book_rebuild_guard (own_objects)
SELECT group_concat(name, ', ')
FROM sqlite_schema
WHERE tbl_name = 'book'
  AND type IN ('index', 'trigger')
  AND sql IS NOT NULL
  AND name NOT IN ('ix_book_title', 'book_title_fts_insert', 'book_title_fts_delete', 'book_title_fts_update');

DROP TABLE book_rebuild_guard;

PRAGMA legacy_alter_table = ON;

DROP VIEW author_publisher;

CREATE TABLE new_book (
    book_id   INTEGER PRIMARY KEY,
    author_id INTEGER NOT NULL REFERENCES author (author_id),
    title     TEXT NOT NULL COLLATE NOCASE CHECK (length(title) BETWEEN 1 AND 500)
) STRICT;

INSERT INTO new_book (book_id, author_id, title)
SELECT book_id, author_id, title FROM book ORDER BY book_id;

DROP TABLE book;
ALTER TABLE new_book RENAME TO book;

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

-- Derived, never written: which authors have books at which publishers.
CREATE VIEW author_publisher (author_id, publisher_id) AS
SELECT DISTINCT b.author_id, bp.publisher_id
FROM book AS b
JOIN book_publisher AS bp ON bp.book_id = b.book_id;
