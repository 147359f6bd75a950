#!/usr/bin/env python3
"""CPU time of a selective title search's statements, three ways on the same catalog, interleaved, answers compared:
two-step (the probe, then the count and the page each through the index, as TitleSearch ran them before), one-step
(the probe, then one statement over the probe's candidates returning the page with count(*) OVER (), as TitleSearch
runs a text in fewer than 2,000 candidates now) and the LIKE scan (count and page). Covering trigrams, as the library asks.
Usage: qtime-one.py DATABASE.db TEXT..."""
import json, sqlite3, statistics, sys, time
c = sqlite3.connect(sys.argv[1])
c.execute("PRAGMA cache_size=-32768")
COLS = "b.book_id, b.title, a.author_id, a.first_name, a.last_name"
ORDER = "ORDER BY b.title, a.last_name, a.first_name, b.book_id LIMIT 50 OFFSET 0"
def tri(t):
    last = len(t) - 3; ts = []; i = 0
    while i <= last:
        g = t[i:i + 3]
        if g not in ts: ts.append(g)
        i = last + 1 if i == last else min(i + 3, last)
    return " AND ".join('"' + g.replace('"', '""') + '"' for g in ts[:16])
def probe(q):
    return [r[0] for r in c.execute("SELECT rowid FROM book_title_fts WHERE book_title_fts MATCH ? LIMIT 2000", (q,))]
def two_step(text):
    p = "%" + text + "%"; q = tri(text); probe(q)
    n = c.execute("SELECT count(*) FROM book_title_fts AS f JOIN book AS b ON b.book_id = f.rowid WHERE book_title_fts MATCH ? AND b.title LIKE ? ESCAPE '\\'", (q, p)).fetchone()[0]
    rows = c.execute(f"SELECT {COLS} FROM book_title_fts AS f JOIN book AS b ON b.book_id = f.rowid JOIN author AS a ON a.author_id = b.author_id WHERE book_title_fts MATCH ? AND b.title LIKE ? ESCAPE '\\' {ORDER}", (q, p)).fetchall()
    return n, [r[0] for r in rows]
def one_step(text):
    p = "%" + text + "%"; ids = probe(tri(text))
    assert len(ids) < 2000
    rows = c.execute(f"SELECT {COLS}, count(*) OVER () FROM book AS b JOIN author AS a ON a.author_id = b.author_id WHERE b.book_id IN (SELECT value FROM json_each(?)) AND b.title LIKE ? ESCAPE '\\' {ORDER}", (json.dumps(ids), p)).fetchall()
    return (rows[0][5] if rows else 0), [r[0] for r in rows]
def scan(text):
    p = "%" + text + "%"
    n = c.execute("SELECT count(*) FROM book WHERE title LIKE ? ESCAPE '\\'", (p,)).fetchone()[0]
    rows = c.execute(f"SELECT {COLS} FROM book AS b JOIN author AS a ON a.author_id = b.author_id WHERE b.title LIKE ? ESCAPE '\\' {ORDER}", (p,)).fetchall()
    return n, [r[0] for r in rows]
print("| text | matches | two-step | one-step | scan | scan / one-step |\n|---|---:|---:|---:|---:|---:|")
for text in sys.argv[2:]:
    times = {f: [] for f in (two_step, one_step, scan)}
    for _ in range(7):
        answers = []
        for f in times:
            t0 = time.process_time(); answers.append(f(text)); times[f].append(time.process_time() - t0)
        assert answers[0] == answers[1] == answers[2], text
    m = {f.__name__: statistics.median(t) * 1000 for f, t in times.items()}
    print(f"| `{text}` | {answers[0][0]:,} | {m['two_step']:.2f} ms | {m['one_step']:.2f} ms | {m['scan']:.1f} ms | {m['scan'] / m['one_step']:.0f}x |")
