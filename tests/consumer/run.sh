#!/usr/bin/env bash
# Consumer test: packs BookData into a local folder feed, builds a fresh console app outside the
# repository that references the package by version from that feed, runs it on a new database
# (generic host, AddBookData, migrations at startup, a repository call, health check), and checks
# the database it produced. Prints "consumer test: passed" and exits 0, or says what failed and exits 1.
# Needs only the .NET SDK and the NuGet source.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/bookdata-consumer.XXXXXX")
trap 'rm -rf "$work"' EXIT
feed=$work/feed
app=$work/app
db=$work/data/catalog.db
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail() {
    echo "consumer test: FAILED: $*" >&2
    exit 1
}

expect() { # expect FILE TEXT: FILE has a line that is exactly TEXT
    grep -qxF -- "$2" "$1" || { echo "--- $1:" >&2; cat "$1" >&2; fail "expected the line '$2'"; }
}

version=$(dotnet msbuild "$repo/src/BookData/BookData.csproj" -getProperty:Version)
hosting_version=$(sed -n 's/.*Include="Microsoft.Extensions.Hosting" Version="\([^"]*\)".*/\1/p' "$repo/Directory.Packages.props")
[ -n "$version" ] && [ -n "$hosting_version" ] || fail "cannot read the package versions"

echo "consumer test: packing BookData $version"
dotnet pack "$repo/src/BookData" -c Release -o "$feed" >"$work/pack.log" 2>&1 || { cat "$work/pack.log" >&2; fail "dotnet pack failed"; }
[ -f "$feed/BookData.$version.nupkg" ] || fail "no BookData.$version.nupkg"
[ -f "$feed/BookData.$version.snupkg" ] || fail "no BookData.$version.snupkg"

# The app lives outside the repository: empty build files stop MSBuild from looking further up, its own
# NuGet.config lists the local feed and the default source, and an empty packages folder of its own (no
# fallback to the machine's folder, which may hold an older build of the same version) guarantees the
# BookData package is the one just packed and that every dependency comes from a source.
mkdir -p "$app" "$(dirname "$db")" "$work/packages"
cp "$repo/tests/consumer/app/Program.cs" "$repo/tests/consumer/app/Consumer.csproj" "$app/"
for file in Directory.Build.props Directory.Build.targets Directory.Packages.props; do
    echo '<Project />' >"$app/$file"
done
{
    echo '<?xml version="1.0" encoding="utf-8"?>'
    echo '<configuration>'
    echo "  <config><add key=\"globalPackagesFolder\" value=\"$work/packages\" /></config>"
    echo "  <fallbackPackageFolders><clear /></fallbackPackageFolders>"
    echo '  <packageSources>'
    echo '    <clear />'
    echo "    <add key=\"local\" value=\"$feed\" />"
    echo '    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />'
    echo '  </packageSources>'
    echo '  <packageSourceMapping>'
    echo '    <packageSource key="local"><package pattern="BookData" /></packageSource>'
    echo '    <packageSource key="nuget.org"><package pattern="*" /></packageSource>'
    echo '  </packageSourceMapping>'
    echo '</configuration>'
} >"$app/NuGet.config"

echo "consumer test: building a console app that references BookData $version from $feed"
dotnet build "$app/Consumer.csproj" -c Release -p:BookDataVersion="$version" -p:HostingVersion="$hosting_version" \
    >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; fail "building the consumer app failed"; }

restored=$work/packages/bookdata/$version
grep -qF "\"source\": \"$feed\"" "$restored/.nupkg.metadata" || fail "BookData $version was not restored from the local feed"
for file in README.md lib/net10.0/BookData.dll lib/net10.0/BookData.xml; do
    [ -f "$restored/$file" ] || fail "the package lacks $file"
done
grep -qF '<license type="expression">MIT</license>' "$restored/bookdata.nuspec" || fail "the package has no license expression"
grep -qF '<readme>README.md</readme>' "$restored/bookdata.nuspec" || fail "the package has no readme"
grep -qE '<repository type="git"[^>]* commit="[0-9a-f]{40}"' "$restored/bookdata.nuspec" || fail "the package has no repository commit"
# The core package is SQLite only: PostgreSQL (Npgsql) comes with the separate BookData.PostgreSql package.
! grep -qi "npgsql\|dbup-postgresql" "$restored/bookdata.nuspec" && [ ! -d "$work/packages/npgsql" ] || fail "the BookData package depends on Npgsql"

consumer=$app/bin/Release/net10.0/Consumer.dll
echo "consumer test: running the app on a new database"
(cd "$work" && dotnet "$consumer" run "$db" </dev/null) >"$work/run.out" 2>&1 || { cat "$work/run.out" >&2; fail "the app failed"; }

scripts=$(cd "$repo/migrations/sqlite" && ls -1 [0-9]*.sql | sort | paste -sd, -)
script_count=$(cd "$repo/migrations/sqlite" && ls -1 [0-9]*.sql | wc -l | tr -d ' ')
expect "$work/run.out" "status: $script_count applied, 0 pending"
expect "$work/run.out" "add-book: BookCreated, then AlreadyPresent"
expect "$work/run.out" "counts: 1 authors, 1 books, 1 publishers, 1 links"
expect "$work/run.out" "health: Healthy"
grep -qF "Applied $script_count migration script(s) to database '$db'" "$work/run.out" \
    || { cat "$work/run.out" >&2; fail "the startup migration was not logged"; }

echo "consumer test: checking the database file"
dotnet "$consumer" verify "$db" </dev/null >"$work/verify.out" 2>&1 || { cat "$work/verify.out" >&2; fail "verify failed"; }
expect "$work/verify.out" "integrity: ok"
expect "$work/verify.out" "journal_mode: wal"
expect "$work/verify.out" "scripts: $scripts"
expect "$work/verify.out" "rows: 1 authors, 1 books, 1 publishers, 1 links"
expect "$work/verify.out" "book: Stephen King / The Stand / Random House"

echo "consumer test: passed"
