-- The normalized catalog: every fact is stored once.
-- Names and titles arrive trimmed, with inner runs of white space collapsed (the library
-- normalizes them); identity is case-insensitive through COLLATE NOCASE (ASCII letters).

CREATE TABLE author (
    author_id  INTEGER PRIMARY KEY,
    first_name TEXT NOT NULL COLLATE NOCASE CHECK (length(first_name) <= 100),
    last_name  TEXT NOT NULL COLLATE NOCASE CHECK (length(last_name) BETWEEN 1 AND 100),
    CONSTRAINT uq_author_name UNIQUE (last_name, first_name)
) STRICT;

CREATE TABLE publisher (
    publisher_id INTEGER PRIMARY KEY,
    name         TEXT NOT NULL COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 200),
    CONSTRAINT uq_publisher_name UNIQUE (name)
) STRICT;

CREATE TABLE book (
    book_id   INTEGER PRIMARY KEY,
    author_id INTEGER NOT NULL REFERENCES author (author_id),
    title     TEXT NOT NULL COLLATE NOCASE CHECK (length(title) BETWEEN 1 AND 500),
    -- Also serves as the index on the foreign key book.author_id.
    CONSTRAINT uq_book_author_title UNIQUE (author_id, title)
) STRICT;

CREATE INDEX ix_book_title ON book (title);

CREATE TABLE book_publisher (
    book_id      INTEGER NOT NULL REFERENCES book (book_id) ON DELETE CASCADE,
    publisher_id INTEGER NOT NULL REFERENCES publisher (publisher_id),
    PRIMARY KEY (book_id, publisher_id)
) STRICT, WITHOUT ROWID;

-- Index on the foreign key book_publisher.publisher_id.
CREATE INDEX ix_book_publisher_publisher ON book_publisher (publisher_id);

-- Derived, never written: which authors have books at which publishers.
CREATE VIEW author_publisher (author_id, publisher_id) AS
SELECT DISTINCT b.author_id, bp.publisher_id
FROM book AS b
JOIN book_publisher AS bp ON bp.book_id = b.book_id;
