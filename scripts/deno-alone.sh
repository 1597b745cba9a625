#!/usr/bin/env bash
# The Deno leg on "a machine with only deno": a clean clone of the last commit where `npm ci` never ran, with a PATH
# holding the deno binary (copied from this checkout's npm tree) and every other tool of this PATH except node, npm,
# npx and corepack. `deno task` installs the npm dependencies itself (deno install); then busmark prints its version,
# validates and lists the catalogue, runs a short scenario against the reference service (node:sqlite, no
# better-sqlite3, no tsx), and the whole suite runs through `deno task test`. `npm test` runs its Deno leg here when
# BUSMARK_DENO_ALONE=1 (.ci/run sets it), so CI proves Deno alone with every test, not a smoke.
set -euo pipefail
cd "$(dirname "$0")/.."

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
start=$SECONDS
[ -z "$(git status --porcelain --untracked-files=no)" ] ||
  echo "deno alone: it tests the last commit; uncommitted changes are not in its clone"
git clone -q . "$tmp/repo"
mkdir -p "$tmp/bin" "$tmp/path"
cp "$(node_modules/.bin/deno eval 'console.log(Deno.execPath())')" "$tmp/bin/deno"
IFS=: read -ra dirs <<<"$PATH"
for dir in "${dirs[@]}"; do
  for file in "$dir"/*; do
    case "${file##*/}" in node | nodejs | npm | npx | corepack) continue ;; esac
    if [ -x "$file" ] && [ ! -e "$tmp/path/${file##*/}" ]; then ln -s "$file" "$tmp/path/${file##*/}"; fi
  done
done
cd "$tmp/repo"
export PATH="$tmp/bin:$tmp/path"
if command -v node || command -v npm; then
  echo "deno alone: node or npm is still on PATH"
  exit 1
fi
deno task busmark --version
deno task busmark validate >/dev/null
deno task busmark list >/dev/null
TEST_PREFIX="denoalone$$.db" deno task busmark run tests/fixtures/scenarios/run/tiny-pass.yaml --quiet --max-lag 2000 \
  --out "$tmp/reports"
deno task test
echo "deno alone: passed in $((SECONDS - start)) s"
