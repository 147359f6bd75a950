#!/usr/bin/env python3
"""Writes a deterministic CSV in the catalog format (first_name,last_name,title,publisher).

Usage: generate.py ROWS OUT.csv [sorted|shuffled] [SEED]

Shape of the data for ROWS = 1,000,000 (everything scales with ROWS):
  ~100,000 authors (about 0.5% single-name authors with an empty first name),
  700,000 books (70% of ROWS), 400,000 with one publisher and 300,000 with two,
  1,000 publishers with a skewed (Zipf-like) popularity,
  about 5% of titles containing a comma and 1% containing double quotes (so they are quoted),
  about 1% non-ASCII names.
Order: "sorted" (the default) lists the rows by last name, first name, title and publisher, as the
reference tutorial's file and BookData's export do; "shuffled" spreads every author's rows over the
whole file, the worst case for an importer's index inserts.
Same arguments always give the same bytes.
"""
import csv
import itertools
import random
import sys

CONSONANTS = "bcdfghjklmnprstvwz"
VOWELS = "aeiou"


def word(rng, syllables):
    return "".join(rng.choice(CONSONANTS) + rng.choice(VOWELS) for _ in range(syllables))


def name(rng, lo, hi):
    return word(rng, rng.randint(lo, hi)).capitalize()


def unique_names(rng, count, make):
    seen = set()
    result = []
    while len(result) < count:
        value = make()
        if value.lower() not in seen:
            seen.add(value.lower())
            result.append(value)
    return result


def main():
    rows = int(sys.argv[1])
    out = sys.argv[2]
    order = sys.argv[3] if len(sys.argv) > 3 else "sorted"
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 20240601
    if order not in ("sorted", "shuffled"):
        raise SystemExit("order must be sorted or shuffled")
    rng = random.Random(seed)

    books = rows * 7 // 10
    two_publishers = rows - books
    authors_count = max(1, rows // 10)
    publishers_count = max(1, min(1000, rows // 100))

    first_names = unique_names(rng, 2000, lambda: name(rng, 2, 3))
    last_names = unique_names(rng, 20000, lambda: name(rng, 2, 4))
    accented = ["José", "Zoë", "Ångström", "Müller", "Éloïse", "Søren", "Núñez", "Renée"]

    authors = []
    seen_authors = set()
    while len(authors) < authors_count:
        first = "" if rng.random() < 0.005 else rng.choice(first_names)
        last = rng.choice(last_names)
        if rng.random() < 0.01:
            last = rng.choice(accented) + last.lower()
        if rng.random() < 0.05:
            last = last + " " + rng.choice(last_names)
        key = (first.lower(), last.lower())
        if key not in seen_authors:
            seen_authors.add(key)
            authors.append((first, last))

    publishers = unique_names(rng, publishers_count, lambda: name(rng, 2, 3) + " " + rng.choice(
        ["Press", "Books", "House", "Publishing", "& Sons", "Editions", "Media"]))
    publisher_cumulative = list(itertools.accumulate(1.0 / (i + 1) for i in range(publishers_count)))

    vocabulary = unique_names(rng, 5000, lambda: name(rng, 1, 4))
    # Skewed author productivity: some authors write many books.
    author_weights = [rng.paretovariate(1.5) for _ in authors]

    chosen_authors = rng.choices(range(len(authors)), weights=author_weights, k=books)
    titles_by_author = {}
    output_rows = []
    for index, author_index in enumerate(chosen_authors):
        titles = titles_by_author.setdefault(author_index, set())
        while True:
            words = [rng.choice(vocabulary) for _ in range(rng.randint(1, 5))]
            title = " ".join(words)
            r = rng.random()
            if r < 0.05:
                title = title + ", " + rng.choice(vocabulary) + " " + rng.choice(vocabulary)
            elif r < 0.06:
                title = 'The "' + title + '"'
            if title.lower() not in titles:
                titles.add(title.lower())
                break
        first, last = authors[author_index]
        count = 2 if index < two_publishers else 1
        picked = set()
        while len(picked) < count:
            picked.add(rng.choices(range(publishers_count), cum_weights=publisher_cumulative)[0])
        for p in sorted(picked):
            output_rows.append((first, last, title, publishers[p]))

    if order == "shuffled":
        rng.shuffle(output_rows)
    else:
        output_rows.sort(key=lambda row: (row[1].lower(), row[0].lower(), row[2].lower(), row[3].lower()))
    with open(out, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["first_name", "last_name", "title", "publisher"])
        writer.writerows(output_rows)


if __name__ == "__main__":
    main()
