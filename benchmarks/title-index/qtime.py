#!/usr/bin/env python3
"""CPU time of the title search's statements, through the index and by the LIKE scan, on a catalog with
book_title_fts; both answers are compared. Usage: qtime.py DATABASE.db TEXT...
(The query asks for every trigram, at most 16, as the library did before it took only covering ones.)"""
import sqlite3, time, statistics, sys
db = sys.argv[1]
c = sqlite3.connect(db)
c.execute("PRAGMA cache_size=-32768")
PAGE = """SELECT b.book_id, b.title, a.author_id, a.first_name, a.last_name FROM {src} JOIN author AS a ON a.author_id = b.author_id
WHERE {match} b.title LIKE ? ESCAPE '\\' ORDER BY b.title, a.last_name, a.first_name, b.book_id LIMIT 50 OFFSET 0"""
def tri(t):
    ts=[]
    for i in range(len(t)-2):
        g=t[i:i+3]
        if g not in ts: ts.append(g)
    return " AND ".join('"'+g.replace('"','""')+'"' for g in ts[:16])
def indexed(text):
    p="%"+text+"%"; q=tri(text)
    ids=c.execute("SELECT rowid FROM book_title_fts WHERE book_title_fts MATCH ? LIMIT 2000",(q,)).fetchall()
    n=c.execute("SELECT count(*) FROM book_title_fts AS f JOIN book AS b ON b.book_id = f.rowid WHERE book_title_fts MATCH ? AND b.title LIKE ? ESCAPE '\\'",(q,p)).fetchone()[0]
    rows=c.execute(PAGE.format(src="book_title_fts AS f JOIN book AS b ON b.book_id = f.rowid", match="book_title_fts MATCH ? AND"),(q,p)).fetchall()
    return n, [r[0] for r in rows]
def scan(text):
    p="%"+text+"%"
    n=c.execute("SELECT count(*) FROM book WHERE title LIKE ? ESCAPE '\\'",(p,)).fetchone()[0]
    rows=c.execute(PAGE.format(src="book AS b", match=""),(p,)).fetchall()
    return n, [r[0] for r in rows]
for text in sys.argv[2:]:
    ti,ts=[],[]
    for r in range(7):
        t0=time.process_time(); a=indexed(text); ti.append(time.process_time()-t0)
        t0=time.process_time(); b=scan(text); ts.append(time.process_time()-t0)
        assert a==b, (text, a[0], b[0])
    mi,ms=statistics.median(ti),statistics.median(ts)
    print(f"| `{text}` | {a[0]:,} | {mi*1000:.2f} ms | {ms*1000:.1f} ms | {ms/mi:.0f}x |")
