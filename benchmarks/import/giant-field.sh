#!/usr/bin/env bash
# Peak memory of `bookdata import` on files with one giant value, which it must reject without holding it.
#
#   benchmarks/import/giant-field.sh [MEGABYTES]     (default: 300)
#
# Three files, each a header, two good rows and the giant value's row on line 4 (the first two with a good row after it):
#   quoted     the title a quoted value of MEGABYTES MB, closed, followed by the rest of its row
#   unclosed   the title a quoted value of MEGABYTES MB that is never closed (the rest of the file)
#   line       one line of MEGABYTES MB with no quote and no line break, at the end of the file
# Each is imported into a fresh catalog with --on-error fail (expected: exit code 2, naming line 3 and the
# column) and with --on-error skip (expected: exit code 0, line 3 skipped, the good rows imported), under
# /usr/bin/time; the table shows the exit code, the wall time and the peak resident memory of the process.
# Needs: the .NET SDK, python3 and GNU time. Files go to artifacts/import-bench/ (about 3 x MEGABYTES MB).
set -euo pipefail
cd "$(dirname "$0")/../.."

megabytes=${1:-300}
work=artifacts/import-bench
mkdir -p "$work"
dotnet build src/BookData.Cli -c Release -nologo -v quiet >/dev/null
cli=src/BookData.Cli/bin/Release/net10.0/BookData.Cli.dll

python3 - "$work" "$megabytes" <<'PY'
import os, sys
work, megabytes = sys.argv[1], int(sys.argv[2])
header = b"first_name,last_name,title,publisher\n"
good = b"Isaac,Asimov,Foundation,Random House\n"
after = b"Pearl,Buck,The Good Earth,Random House\n"
chunk = b"x" * (1024 * 1024)
def write(name, head, tail):
    path = os.path.join(work, f"giant-{name}-{megabytes}mb.csv")
    if os.path.exists(path):
        return
    with open(path, "wb") as f:
        f.write(header + good + after + head)
        for _ in range(megabytes):
            f.write(chunk)
        f.write(tail)
write("quoted", b'Isaac,Asimov,"', b'",Random House\n' + after)
write("unclosed", b'Isaac,Asimov,"', b"\n" + after)
write("line", b"", b"")
PY

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
printf '| file | --on-error | exit code | wall time | peak memory | output |\n|---|---|---:|---:|---:|---|\n'
for kind in quoted unclosed line; do
    csv="$work/giant-$kind-${megabytes}mb.csv"
    for mode in fail skip; do
        rm -f "$work/giant.db" "$work/giant.db-wal" "$work/giant.db-shm"
        set +e
        /usr/bin/time -f "%e %M" -o "$work/time.txt" dotnet "$cli" import "$csv" --on-error "$mode" --db "$work/giant.db" \
            >"$work/giant.out" 2>&1
        code=$?
        set -e
        read -r wall kilobytes < <(tail -n 1 "$work/time.txt")
        said=$(grep -v '^$' "$work/giant.out" | tail -n 1 | cut -c1-200)
        printf '| %s | %s | %s | %s s | %s MiB | %s |\n' "$kind" "$mode" "$code" "$wall" "$((kilobytes / 1024))" "$said"
    done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
