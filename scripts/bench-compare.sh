#!/usr/bin/env bash
# Times dilint against two schema-only validators on the same corpus and
# the same exported schema, with the encoding/json.Valid floor beside them:
#   (a) many small batch job files (-batch), (b) the same at scale (-big,
#   50,000 files by default; 0 skips it), (c) one large realtime solution,
#   and (d) one small job file, the pre-commit case, where start-up is the
#   cost (run 10× as often as the others).
# Prints a Markdown table of medians, ratios, peak memory and CPU/wall.
#
#   scripts/bench-compare.sh [-n RUNS] [-batch FILES] [-big FILES] [-tables MAPPINGS]
#
# Fairness, since the machine and its caches are shared between the tools:
#   - Runs alternate: run 1 of every tool, then run 2 of every tool, and so
#     on, so that a slow phase of the machine (another job, a cold page
#     cache, CPU frequency) hits every tool alike instead of one tool's
#     whole series.
#   - Every tool, the floor included, is started the same way: executed
#     directly by this shell, with no wrapper process. ajv-cli runs as
#     `node .../ajv-cli/dist/index.js` (not through the .bin shim's
#     `#!/usr/bin/env node`), and @sourcemeta/jsonschema as its native
#     binary (not through the npm package's node launcher, which spawns the
#     binary from a second process). The clock is bash's $EPOCHREALTIME,
#     read without forking, so no `date` or GNU time process is counted in
#     any tool's time; for the one-file case, where a run takes a few
#     milliseconds, such a wrapper would be a large share of the floor and
#     would flatter every ratio to it.
#   - Peak memory comes from one extra, untimed run of each tool under GNU
#     time, which also warms the page cache before the timed runs.
#
# Needs Go, node/npm (installs ajv-cli, ajv-formats and @sourcemeta/jsonschema
# from tools/bench/package-lock.json) and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."

usage="usage: $0 [-n RUNS] [-batch FILES] [-big FILES] [-tables MAPPINGS]"
runs=5 batch=10000 big=50000 tables=20000
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }
  case "$1" in
    -n) runs=$2; shift 2 ;;
    -batch) batch=$2; shift 2 ;;
    -big) big=$2; shift 2 ;;
    -tables) tables=$2; shift 2 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "building into $work" >&2
# The binary the README's install command makes: static, without cgo.
CGO_ENABLED=0 go build -o "$work/dilint" ./cmd/dilint
go -C tools/devcmd build -o "$work/lowerbound" ./lowerbound
go -C tools/devcmd run ./gen -out "$work/corpus" -batch "$batch" -solution "$tables" >&2
if [ "$big" -gt 0 ]; then
  go -C tools/devcmd run ./gen -out "$work/big" -batch "$big" -solution 0 >&2
fi
"$work/dilint" schema >"$work/schema.json"
(cd tools/bench && npm ci --no-audit --no-fund --silent)
ajv=(node tools/bench/node_modules/ajv-cli/dist/index.js)
case $(uname -m) in
  aarch64 | arm64) arch=arm64 ;;
  *) arch=x86_64 ;;
esac
sourcemeta=tools/bench/node_modules/@sourcemeta/jsonschema/build/github-releases/jsonschema-linux-$arch
[ -x "$sourcemeta" ] || { echo "no @sourcemeta/jsonschema binary at $sourcemeta" >&2; exit 2; }

# run_once NAME CMD... : runs CMD once, output discarded, and fails the
# script unless the exit status is 0 or 1 (findings).
run_once() {
  local name=$1 st=0; shift
  "$@" >"$work/out" 2>&1 || st=$?
  if [ "$st" -gt 1 ]; then
    echo "$name failed with exit status $st:" >&2; tail -5 "$work/out" >&2; exit 1
  fi
}

# median FILE: the median of the numbers in FILE, one a line.
median() { sort -g "$1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for corpus in batch big solution one; do
  n=$runs
  case $corpus in
    batch) target=$work/corpus/batch; nfiles=$batch ;;
    big) [ "$big" -gt 0 ] || continue; target=$work/big/batch; nfiles=$big ;;
    solution) target=$work/corpus/solution.json; nfiles=1 ;;
    one) files=("$work"/corpus/batch/*.json); target=${files[0]}; nfiles=1; n=$((runs * 10)) ;;
  esac
  data=$target
  [ -d "$target" ] && data="$target/*.json"
  names=("json.Valid (floor)")
  cmds=("$work/lowerbound $(printf %q "$target")")
  if [ "$corpus" = one ]; then
    names+=("dilint --only syntax"); cmds+=("$work/dilint --only syntax --format json $(printf %q "$target")")
  fi
  names+=("dilint --only schema" "dilint (all rules)" "ajv-cli" "@sourcemeta/jsonschema")
  cmds+=(
    "$work/dilint --only schema --format json $(printf %q "$target")"
    "$work/dilint --format json $(printf %q "$target")"
    "${ajv[*]} validate --spec=draft2020 -c ajv-formats -s $work/schema.json -d '$data'"
    "$sourcemeta validate $work/schema.json $(printf %q "$target")"
  )
  echo "== $corpus ($(du -sh --apparent-size "$target" | cut -f1)), $n rounds" >&2
  for t in "${!cmds[@]}"; do
    : >"$work/times.$t"
    # The untimed run: peak memory and CPU time, and a warm page cache for
    # every tool.
    # shellcheck disable=SC2086 # the command line is split on purpose
    eval "/usr/bin/time -f '%M %e %U %S' -o $work/mem.$t ${cmds[$t]}" >"$work/out" 2>&1 || [ $? -le 1 ] ||
      { echo "${names[$t]} failed:" >&2; tail -5 "$work/out" >&2; exit 1; }
  done
  for _ in $(seq "$n"); do
    for t in "${!cmds[@]}"; do
      t0=$EPOCHREALTIME
      eval "run_once \"\${names[$t]}\" ${cmds[$t]}"
      t1=$EPOCHREALTIME
      awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f\n", b - a }' >>"$work/times.$t"
    done
  done
  floor=$(median "$work/times.0")
  peer=
  for t in "${!cmds[@]}"; do
    case ${names[$t]} in
      ajv-cli | @sourcemeta*)
        m=$(median "$work/times.$t")
        if [ -z "$peer" ] || awk -v a="$m" -v b="$peer" 'BEGIN { exit !(a < b) }'; then peer=$m; fi ;;
    esac
  done
  echo
  echo "### $corpus: $nfiles file(s), $(du -sh --apparent-size "$target" | cut -f1), median of $n alternating runs"
  echo
  unit=s scale=1 fmt=%.3f
  [ "$corpus" = one ] && unit=ms scale=1000 fmt=%.1f
  # CPU/wall is user+system time over elapsed time of the untimed run
  # (GNU time counts hundredths of a second: left out under 0.1 s).
  echo "| tool | median $unit | × fastest peer | × json.Valid | peak MB | CPU/wall |"
  echo "|---|---|---|---|---|---|"
  for t in "${!cmds[@]}"; do
    m=$(median "$work/times.$t")
    read -r mem el us sy < <(tail -1 "$work/mem.$t")
    awk -v n="${names[$t]}" -v t="$m" -v p="$peer" -v f="$floor" -v m="$mem" -v s="$scale" -v fmt="$fmt" \
      -v e="$el" -v u="$us" -v y="$sy" 'BEGIN { cw = "—"; if (e >= 0.1) cw = sprintf("%.2f", (u + y) / e)
        printf "| %s | " fmt " | %.2f | %.1f | %d | %s |\n", n, t * s, t / p, t / f, m / 1024, cw }'
  done
  echo "  done $corpus" >&2
done
