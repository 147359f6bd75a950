#!/usr/bin/env bash
# Consumer test: follows docs/install.md on a machine that has never seen BookData. It packs the
# solution into a local folder feed, then, with an empty package folder and a home folder of its own
# (so neither the machine's NuGet cache nor its ~/.dotnet/tools is read or changed):
#   - builds a fresh console app that adds BookData from the feed as the page says, runs it on a new
#     database (generic host, AddBookData, migrations at startup, a repository call, health check),
#     checks the database it produced, and checks that the app pulls in no PostgreSQL package;
#   - builds a fresh app for every other library package packed (BookData.PostgreSql once it exists);
#   - installs the bookdata tool with `dotnet tool install --global` and runs `bookdata demo`.
# Every package restored must be the one just packed: same version, from the feed. That version must
# name the commit unless the commit is tagged with it. Prints "consumer test: passed" and exits 0, or
# says what failed and exits 1. Needs the .NET SDK, unzip and nuget.org.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/bookdata-consumer.XXXXXX")
trap 'rm -rf "$work"' EXIT
feed=$work/feed
apps=$work/apps
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No MSBuild node outlives the test (nodes started under the test's home folder would be reused later).
export MSBUILDDISABLENODEREUSE=1
started=$(date +%s)

elapsed() { echo "[$(($(date +%s) - started)) s]"; }

fail() {
    echo "consumer test: FAILED: $*" >&2
    exit 1
}

expect() { # expect FILE TEXT: FILE has a line that is exactly TEXT
    grep -qxF -- "$2" "$1" || { echo "--- $1:" >&2; cat "$1" >&2; fail "expected the line '$2'"; }
}

nuspec_value() { # nuspec_value NUPKG ELEMENT: the text of the nuspec's first <ELEMENT>
    unzip -p "$1" '*.nuspec' | sed -n "s:.*<$2>\([^<]*\)</$2>.*:\1:p" | head -n 1
}

hosting_version=$(sed -n 's/.*Include="Microsoft.Extensions.Hosting" Version="\([^"]*\)".*/\1/p' "$repo/Directory.Packages.props")
[ -n "$hosting_version" ] || fail "cannot read the version of Microsoft.Extensions.Hosting"

# Step 1 of docs/install.md, with the machine's own NuGet setup: this builds the repository like any
# build of it does.
echo "consumer test: packing the solution (docs/install.md, step 1) $(elapsed)"
(cd "$repo" && dotnet pack -c Release -o "$feed") >"$work/pack.log" 2>&1 \
    || { cat "$work/pack.log" >&2; fail "dotnet pack failed"; }

# What was packed: every package must have the same version, the one BookData has.
shopt -s nullglob
nupkgs=("$feed"/*.nupkg)
shopt -u nullglob
version=
libraries=()
tools=()
for nupkg in "${nupkgs[@]}"; do
    id=$(nuspec_value "$nupkg" id)
    v=$(nuspec_value "$nupkg" version)
    [ -n "$id" ] && [ -n "$v" ] || fail "cannot read the id and version of $nupkg"
    [ "$(basename "$nupkg")" = "$id.$v.nupkg" ] || fail "$(basename "$nupkg") holds $id $v"
    [ -f "$feed/$id.$v.snupkg" ] || fail "no symbols package $id.$v.snupkg"
    if [ "$id" = BookData ]; then version=$v; fi
    if unzip -p "$nupkg" '*.nuspec' | grep -q '<packageType name="DotnetTool"'; then tools+=("$id"); else libraries+=("$id"); fi
done
[ -n "$version" ] || fail "no BookData package in $feed"
for nupkg in "${nupkgs[@]}"; do
    case "$(basename "$nupkg")" in *".$version.nupkg") ;; *) fail "$(basename "$nupkg") is not at version $version" ;; esac
done
echo "consumer test: packed version $version: libraries ${libraries[*]}; tools ${tools[*]} $(elapsed)"

# The version names the commit unless the commit carries the tag v<version>.
if commit=$(git -C "$repo" rev-parse --short=10 HEAD 2>"$work/git.err"); then
    if git -C "$repo" tag --points-at HEAD | grep -qxF "v$version"; then
        echo "consumer test: the commit is tagged v$version $(elapsed)"
    else
        case "$version" in
            *-*".g$commit"|*-*".g$commit".*|*"-g$commit") ;;
            *) fail "version $version of an untagged commit does not name the commit ($commit)" ;;
        esac
    fi
else
    echo "consumer test: not a git checkout, the version is not checked against a commit $(elapsed)"
fi

# From here on nothing of the machine's is read or written: an empty package folder, HTTP cache and
# home folder (user NuGet.Config, dotnet first-run files, templates, global tools), all under $work.
export NUGET_PACKAGES=$work/packages NUGET_HTTP_CACHE_PATH=$work/http-cache HOME=$work/home DOTNET_CLI_HOME=$work/home
export TMPDIR=$work/tmp XDG_DATA_HOME=$work/home/.local/share XDG_CONFIG_HOME=$work/home/.config XDG_CACHE_HOME=$work/home/.cache
unset NUGET_FALLBACK_PACKAGES
mkdir -p "$NUGET_PACKAGES" "$HOME" "$TMPDIR" "$apps"

new_app() { # new_app DIR: steps 2 and 3 of docs/install.md up to `dotnet add package`
    dotnet new console --no-restore -o "$1" >"$1.new.log" 2>&1 || { cat "$1.new.log" >&2; fail "dotnet new console failed"; }
    # No build files from folders above the app (a temporary folder may lie inside another project).
    for file in Directory.Build.props Directory.Build.targets Directory.Packages.props; do
        echo '<Project />' >"$1/$file"
    done
    cat >"$1/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="bookdata" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="bookdata">
      <package pattern="BookData*" />
    </packageSource>
    <packageSource key="nuget.org">
      <package pattern="*" />
    </packageSource>
  </packageSourceMapping>
</configuration>
EOF
}

add_package() { # add_package DIR ID: `dotnet add package ID --prerelease` as the page says
    (cd "$1" && dotnet add package "$2" --prerelease) >"$1.add-$2.log" 2>&1 \
        || { cat "$1.add-$2.log" >&2; fail "dotnet add package $2 failed"; }
}

check_restored() { # check_restored DIR ID: the app references ID at the packed version, restored from the feed
    local lower
    lower=$(tr '[:upper:]' '[:lower:]' <<<"$2")
    grep -qF "<PackageReference Include=\"$2\" Version=\"$version\" />" "$1"/*.csproj \
        || { cat "$1"/*.csproj >&2; fail "dotnet add package $2 did not pick $version"; }
    grep -qF "\"source\": \"$feed\"" "$NUGET_PACKAGES/$lower/$version/.nupkg.metadata" \
        || fail "$2 $version was not restored from the local feed"
    (cd "$1" && dotnet list package --include-transitive) >"$1.list.log" 2>&1 || { cat "$1.list.log" >&2; fail "dotnet list package failed"; }
    grep -qE "^ *> $2 +$version +$version *$" "$1.list.log" || { cat "$1.list.log" >&2; fail "the app does not resolve $2 $version"; }
}

check_contents() { # check_contents ID PROJECT-FOLDER: what every package must hold
    local lower restored
    lower=$(tr '[:upper:]' '[:lower:]' <<<"$1")
    restored=$NUGET_PACKAGES/$lower/$version
    grep -qF '<license type="expression">MIT</license>' "$restored/$lower.nuspec" || fail "$1 has no MIT license expression"
    grep -qF '<readme>README.md</readme>' "$restored/$lower.nuspec" || fail "$1 has no readme"
    cmp -s "$restored/README.md" "$repo/src/$2/README.md" || fail "$1's README.md is not src/$2/README.md"
    cmp -s "$restored/LICENSE" "$repo/LICENSE" || fail "$1 does not carry the repository's LICENSE"
    grep -qE '<repository type="git"[^>]* commit="[0-9a-f]{40}"' "$restored/$lower.nuspec" || fail "$1 has no repository commit"
}

# The SQLite app: BookData alone, plus the generic host.
app=$apps/Consumer
db=$work/data/catalog.db
mkdir -p "$(dirname "$db")"
echo "consumer test: a fresh app adds BookData from the feed (docs/install.md, steps 2 and 3) $(elapsed)"
new_app "$app"
add_package "$app" BookData
(cd "$app" && dotnet add package Microsoft.Extensions.Hosting --version "$hosting_version" --no-restore) >"$app.add-hosting.log" 2>&1 \
    || { cat "$app.add-hosting.log" >&2; fail "dotnet add package Microsoft.Extensions.Hosting failed"; }
cp "$repo/tests/consumer/app/Program.cs" "$app/Program.cs"
(cd "$app" && dotnet build -c Release -p:TreatWarningsAsErrors=true) >"$app.build.log" 2>&1 \
    || { cat "$app.build.log" >&2; fail "building the consumer app failed"; }
check_restored "$app" BookData
check_contents BookData BookData
[ -f "$NUGET_PACKAGES/bookdata/$version/lib/net10.0/BookData.dll" ] || fail "BookData lacks lib/net10.0/BookData.dll"
[ -f "$NUGET_PACKAGES/bookdata/$version/lib/net10.0/BookData.xml" ] || fail "BookData lacks its XML docs"

# An app that uses SQLite only must not carry the PostgreSQL driver or its migrator.
# Checked here, reported at the end, so the steps below still run and report their own failures.
postgres_leak=
if grep -qiE '^ *> (Npgsql|dbup-postgresql)( |$)' "$app.list.log"; then
    postgres_leak=$(grep -iE '^ *> (Npgsql|dbup-postgresql)( |$)' "$app.list.log" | sed 's/^ *> *//; s/ *$//; s/  */ /g' | paste -sd, - | sed 's/,/, /g')
    echo "consumer test: the SQLite-only app pulls in $postgres_leak (reported at the end)" >&2
fi

consumer=$app/bin/Release/net10.0/Consumer.dll
echo "consumer test: running the app on a new database $(elapsed)"
(cd "$work" && dotnet "$consumer" run "$db" </dev/null) >"$work/run.out" 2>&1 || { cat "$work/run.out" >&2; fail "the app failed"; }

scripts=$(cd "$repo/migrations/sqlite" && ls -1 [0-9]*.sql | sort | paste -sd, -)
script_count=$(cd "$repo/migrations/sqlite" && ls -1 [0-9]*.sql | wc -l | tr -d ' ')
expect "$work/run.out" "status: $script_count applied, 0 pending"
expect "$work/run.out" "add-book: BookCreated, then AlreadyPresent"
expect "$work/run.out" "counts: 1 authors, 1 books, 1 publishers, 1 links"
expect "$work/run.out" "health: Healthy"
# The startup migration logs each script once (the migrator's event 1), naming the database.
for script in $(cd "$repo/migrations/sqlite" && ls -1 [0-9]*.sql); do
    [ "$(grep -cF "Applied migration $script to database $db in" "$work/run.out")" = 1 ] \
        || { cat "$work/run.out" >&2; fail "the startup migration of $script was not logged exactly once"; }
done

echo "consumer test: checking the database file $(elapsed)"
dotnet "$consumer" verify "$db" </dev/null >"$work/verify.out" 2>&1 || { cat "$work/verify.out" >&2; fail "verify failed"; }
expect "$work/verify.out" "integrity: ok"
expect "$work/verify.out" "journal_mode: wal"
expect "$work/verify.out" "scripts: $scripts"
expect "$work/verify.out" "rows: 1 authors, 1 books, 1 publishers, 1 links"
expect "$work/verify.out" "book: Stephen King / The Stand / Random House"

# Every other library package (BookData.PostgreSql): a fresh app of its own adds it and builds, and
# it brings BookData at the same version.
for id in "${libraries[@]}"; do
    [ "$id" = BookData ] && continue
    echo "consumer test: a fresh app adds $id from the feed $(elapsed)"
    other=$apps/$id.Consumer
    new_app "$other"
    add_package "$other" "$id"
    (cd "$other" && dotnet build -c Release -p:TreatWarningsAsErrors=true) >"$other.build.log" 2>&1 \
        || { cat "$other.build.log" >&2; fail "building an app that references $id failed"; }
    check_restored "$other" "$id"
    check_contents "$id" "$id"
    grep -qE "^ *> BookData +$version *$" "$other.list.log" || { cat "$other.list.log" >&2; fail "$id does not bring BookData $version"; }
done

# The tool (docs/install.md, step 4), installed for the home folder under $work, from a folder with no
# nuget.config: the user's default sources (nuget.org) plus --add-source.
for id in "${tools[@]}"; do
    echo "consumer test: dotnet tool install --global $id from the feed (docs/install.md, step 4) $(elapsed)"
    (cd "$HOME" && dotnet tool install --global "$id" --prerelease --add-source "$feed") >"$work/tool-$id.log" 2>&1 \
        || { cat "$work/tool-$id.log" >&2; fail "dotnet tool install $id failed"; }
    grep -qF "(version '$version')" "$work/tool-$id.log" || { cat "$work/tool-$id.log" >&2; fail "the tool installed is not $id $version"; }
    unzip -p "$feed/$id.$version.nupkg" '*.nuspec' >"$work/tool-$id.nuspec"
    grep -qF '<license type="expression">MIT</license>' "$work/tool-$id.nuspec" || fail "$id has no MIT license expression"
    unzip -p "$feed/$id.$version.nupkg" README.md | cmp -s - "$repo/src/$id/README.md" || fail "$id's README.md is not src/$id/README.md"
    unzip -p "$feed/$id.$version.nupkg" LICENSE | cmp -s - "$repo/LICENSE" || fail "$id does not carry the repository's LICENSE"
done
[ -x "$HOME/.dotnet/tools/bookdata" ] || fail "the bookdata command was not installed in $HOME/.dotnet/tools"
echo "consumer test: bookdata --version and bookdata demo $(elapsed)"
(cd "$work" && "$HOME/.dotnet/tools/bookdata" --version </dev/null) >"$work/tool-version.out" 2>&1 \
    || { cat "$work/tool-version.out" >&2; fail "bookdata --version failed"; }
grep -qE "^$(sed 's/[.]/[.]/g' <<<"$version")(\+[0-9a-f]+)?$" "$work/tool-version.out" \
    || { cat "$work/tool-version.out" >&2; fail "bookdata --version does not print $version"; }
demo_status=0
(cd "$work" && "$HOME/.dotnet/tools/bookdata" demo </dev/null) >"$work/demo.out" 2>&1 || demo_status=$?
[ "$demo_status" -eq 0 ] || { cat "$work/demo.out" >&2; fail "bookdata demo exited with $demo_status"; }
expect "$work/demo.out" 'Added "The Stand" by Stephen King, published by Random House.'

[ -z "$postgres_leak" ] || fail "a SQLite-only app that references BookData pulls in PostgreSQL packages: $postgres_leak"
echo "consumer test: passed in $(($(date +%s) - started)) s"
