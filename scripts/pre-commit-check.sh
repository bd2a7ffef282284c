#!/usr/bin/env bash
# Runs this checkout's pre-commit hooks the way a user's repository does
# (a .pre-commit-config.yaml pinning a commit, then pre-commit run) and
# checks what they do:
#   - the dilint hook passes on a clean job next to package.json and a
#     tsconfig.json with comments, and leaves those two files untouched;
#   - it fails on a job with a defect;
#   - the hook environment holds one command, dilint.
# The hooks come from the checkout's HEAD commit: commit before running.
# Needs pre-commit (Debian: apt-get install pre-commit) and Go.
set -euo pipefail
# The scratch repositories below must not be confused with one that a
# caller's environment names (git rebase --exec sets GIT_DIR).
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_COMMON_DIR GIT_PREFIX
root=$(cd "$(dirname "$0")/.." && pwd)
command -v pre-commit >/dev/null || { echo "needs pre-commit" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache"
repo="$work/repo"
mkdir -p "$repo/jobs"
cd "$repo"
git init -q
git config user.email ci@example.invalid
git config user.name ci
cp "$root/testdata/samples/batch_mysql_odps.json" jobs/orders.json
printf '{"name": "web", "version": "1.0.0"}\n' > package.json
printf '{\n  // comments are fine here\n  "compilerOptions": {"strict": true,},\n}\n' > tsconfig.json
rev=$(git -C "$root" rev-parse HEAD)
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $root
    rev: $rev
    hooks:
      - id: dilint
YAML
git add -A && git commit -qm clean
before=$(sha256sum package.json tsconfig.json)

pre-commit run --all-files
after=$(sha256sum package.json tsconfig.json)
[ "$before" = "$after" ] || { echo "the dilint hook changed a non-job file" >&2; exit 1; }

bins=$(ls "$PRE_COMMIT_HOME"/repo*/golangenv-*/bin)
[ "$bins" = "dilint" ] || { echo "hook environment holds more than dilint: $bins" >&2; exit 1; }

cp "$root/testdata/samples/defects.json" jobs/defects.json
git add -A && git commit -qm defect
if pre-commit run --all-files >"$work/out" 2>&1; then
  cat "$work/out"; echo "the dilint hook passed a job with defects" >&2; exit 1
fi
grep -q 'jobs/defects.json' "$work/out" || { cat "$work/out"; echo "no finding names jobs/defects.json" >&2; exit 1; }
echo "pre-commit hooks: ok"
