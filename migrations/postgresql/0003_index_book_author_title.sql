-- Nothing changes on PostgreSQL. On SQLite, 0003 turns book's (author, title) key from a table constraint into
-- a unique index of the same name, so that an import into an empty catalog can build it after the load.
-- PostgreSQL can drop and add a constraint already, and its import does (docs/postgresql.md); the script
-- exists so that both engines carry the same versions.
SELECT 1;
