#!/usr/bin/env bash
# Runs the README's validator command verbatim: the bundle from `dilint
# schema` loads in ajv-cli's default strict mode and accepts a valid job;
# a job with a schema error is refused. Needs Go, node and npx (the
# command fetches ajv-cli from the npm registry).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cmd=$(grep -E '^    npx --yes -p ajv-cli' "$root/README.md" | sed 's/^    //')
[ -n "$cmd" ] || { echo "readme-schema-check: no ajv command in README.md" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go -C "$root" build -o "$work/dilint" ./cmd/dilint
cd "$work"
./dilint schema > dilint.schema.json
cp "$root/testdata/samples/batch_mysql_odps.json" job.json
bash -c "$cmd" >"$work/out" 2>&1 || { cat "$work/out"; echo "readme-schema-check: the README's command rejected a valid job" >&2; exit 1; }
if grep -qi "strict mode" "$work/out"; then
  cat "$work/out"; echo "readme-schema-check: ajv warned in strict mode" >&2; exit 1
fi
# concurrent as an object is a schema error.
sed 's/"concurrent": *[0-9"]*/"concurrent": {}/' "$root/testdata/samples/batch_mysql_odps.json" > job.json
grep -q '"concurrent": {}' job.json || { echo "readme-schema-check: could not make the invalid job" >&2; exit 1; }
if bash -c "$cmd" >"$work/out" 2>&1; then
  cat "$work/out"; echo "readme-schema-check: the README's command accepted an invalid job" >&2; exit 1
fi
echo "README validator command: ok"
