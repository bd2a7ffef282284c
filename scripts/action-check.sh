#!/usr/bin/env bash
# Checks the GitHub Action outside GitHub:
#   1. actionlint (pinned in tools/devcmd) on the example workflows in
#      docs/ci, rewritten to use the action from this checkout (uses: ./),
#      so their `with:` inputs are checked against action.yml;
#   2. scripts/action.sh install and lint run with the environment GitHub
#      gives a composite action's steps, for the github and sarif
#      reporters, on the bundled samples (which have findings).
set -euo pipefail
# The scratch repositories below must not be confused with one that a
# caller's environment names (git rebase --exec sets GIT_DIR).
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_COMMON_DIR GIT_PREFIX
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "action-check: $*" >&2; exit 1; }

# 1. The example workflows against action.yml.
mkdir -p "$work/repo/.github/workflows"
cp "$root/action.yml" "$work/repo/"
for f in "$root"/docs/ci/*.yml; do
  sed 's#uses: dilint/dilint@main#uses: ./#' "$f" >"$work/repo/.github/workflows/$(basename "$f")"
done
grep -q 'uses: \./' "$work"/repo/.github/workflows/*.yml || fail "no example workflow uses the action"
(cd "$work/repo" && git init -q && go -C "$root/tools/devcmd" tool actionlint -no-color \
  "$work"/repo/.github/workflows/*.yml) || fail "actionlint rejected the example workflows"

# 2. The action's steps.
export GITHUB_ACTION_PATH=$root RUNNER_TEMP=$work/runner GITHUB_PATH=$work/path GITHUB_OUTPUT=$work/output
mkdir -p "$RUNNER_TEMP"
"$root/scripts/action.sh" install >"$work/install.log"
[ "$(cat "$GITHUB_PATH")" = "$RUNNER_TEMP/dilint-bin" ] || fail "install did not add dilint to GITHUB_PATH"
grep -q '^dilint ' "$work/install.log" || fail "install did not print dilint's version"

cd "$root"
status=0
INPUT_PATHS="testdata/samples" INPUT_REPORTER=github "$root/scripts/action.sh" lint >"$work/github.log" || status=$?
[ "$status" = 1 ] || fail "github reporter: exit $status, want 1 (the samples have errors)"
grep -q '^::error file=testdata/samples/' "$work/github.log" || fail "github reporter printed no ::error annotation"
grep -q '^exit-code=1$' "$GITHUB_OUTPUT" || fail "exit-code output missing"

: >"$GITHUB_OUTPUT"
status=0
INPUT_PATHS="testdata/samples" INPUT_REPORTER=sarif INPUT_FAIL_ON=none "$root/scripts/action.sh" lint >"$work/sarif.log" || status=$?
[ "$status" = 0 ] || fail "sarif reporter with fail-on none: exit $status, want 0"
grep -q "^sarif=$RUNNER_TEMP/dilint.sarif\$" "$GITHUB_OUTPUT" || fail "sarif output missing"
grep -q '"version": *"2.1.0"' "$RUNNER_TEMP/dilint.sarif" || fail "no SARIF 2.1.0 log written"
grep -q 'testdata/samples/' "$work/sarif.log" || fail "sarif reporter printed no findings to the log"

status=0
INPUT_REPORTER=bogus "$root/scripts/action.sh" lint >"$work/bogus.log" 2>&1 || status=$?
[ "$status" = 2 ] || fail "unknown reporter: exit $status, want 2"
echo "action: ok"
