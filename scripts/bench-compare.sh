#!/usr/bin/env bash
# Times dilint against two schema-only validators on the same corpus and
# the same exported schema, with the encoding/json.Valid floor beside them:
#   (a) many small batch job files, (b) one large realtime solution, and
#   (c) one small job file, the pre-commit case, where start-up is the cost
#       (run 10× as often as the others).
# Prints a Markdown table of medians, ratios and peak memory.
#
#   scripts/bench-compare.sh [-n RUNS] [-batch FILES] [-tables MAPPINGS]
#
# Needs Go, node/npm (installs ajv-cli, ajv-formats and @sourcemeta/jsonschema
# from tools/bench/package-lock.json) and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."

runs=5 batch=10000 tables=20000
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    -batch) batch=$2; shift 2 ;;
    -tables) tables=$2; shift 2 ;;
    *) echo "usage: $0 [-n RUNS] [-batch FILES] [-tables MAPPINGS]" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "building into $work" >&2
go build -o "$work/dilint" ./cmd/dilint
go -C tools/devcmd build -o "$work/lowerbound" ./lowerbound
go -C tools/devcmd run ./gen -out "$work/corpus" -batch "$batch" -solution "$tables" >&2
"$work/dilint" schema > "$work/schema.json"
(cd tools/bench && npm ci --no-audit --no-fund --silent)
ajv=tools/bench/node_modules/.bin/ajv
sourcemeta=tools/bench/node_modules/.bin/jsonschema

# measure NAME CMD... : runs CMD $runs times; records "NAME median_s peak_MB".
# Exit status 0 or 1 (findings) counts as a run; anything else fails.
measure() {
  local name=$1; shift
  local times=() mems=()
  for _ in $(seq "$runs"); do
    local st=0 t0 t1 m
    # Wall time from the shell's nanosecond clock (GNU time's %e has only
    # 10 ms resolution); peak RSS from GNU time.
    t0=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$work/time" "$@" >"$work/out" 2>&1 || st=$?
    t1=$(date +%s%N)
    if [ "$st" -gt 1 ]; then
      echo "$name failed with exit status $st:" >&2; tail -5 "$work/out" >&2; exit 1
    fi
    m=$(tail -1 "$work/time")
    t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
    times+=("$t"); mems+=("$m")
  done
  local med mem
  med=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  mem=$(printf '%s\n' "${mems[@]}" | sort -g | tail -1)
  echo "$name $med $((mem / 1024))" >>"$work/results"
  echo "  $name: median ${med} s, peak $((mem / 1024)) MB" >&2
}

allruns=$runs
for corpus in batch solution one; do
  runs=$allruns
  case $corpus in
    batch) target=$work/corpus/batch; files=("$work"/corpus/batch/*.json) ;;
    solution) target=$work/corpus/solution.json; files=("$target") ;;
    one) files=("$work"/corpus/batch/*.json); target=${files[0]}; files=("$target"); runs=$((allruns * 10)) ;;
  esac
  echo "== $corpus ($(du -sh --apparent-size "$target" | cut -f1))" >&2
  : >"$work/results"
  measure "json.Valid (floor)" "$work/lowerbound" "$target"
  if [ "$corpus" = one ]; then
    measure "dilint --only syntax" "$work/dilint" --only syntax --format json "$target"
  fi
  measure "dilint --only schema" "$work/dilint" --only schema --format json "$target"
  measure "dilint (all rules)" "$work/dilint" --format json "$target"
  measure "ajv-cli" "$ajv" validate --spec=draft2020 -c ajv-formats -s "$work/schema.json" -d "${target}$([ "$corpus" = batch ] && echo '/*.json')"
  measure "@sourcemeta/jsonschema" "$sourcemeta" validate "$work/schema.json" "$target"
  peer=$(grep -E '^(ajv-cli|@sourcemeta)' "$work/results" | awk '{print $(NF-1)}' | sort -g | head -1)
  floor=$(head -1 "$work/results" | awk '{print $(NF-1)}')
  echo
  echo "### $corpus: ${#files[@]} file(s), $(du -sh --apparent-size "$target" | cut -f1), median of $runs runs"
  echo
  unit=s scale=1 fmt=%.3f
  [ "$corpus" = one ] && unit=ms scale=1000 fmt=%.1f
  echo "| tool | median $unit | × fastest peer | × json.Valid | peak MB |"
  echo "|---|---|---|---|---|"
  while read -r line; do
    mem=${line##* }; rest=${line% *}; t=${rest##* }; name=${rest% *}
    awk -v n="$name" -v t="$t" -v p="$peer" -v f="$floor" -v m="$mem" -v s="$scale" -v fmt="$fmt" \
      'BEGIN { printf "| %s | " fmt " | %.2f | %.1f | %d |\n", n, t * s, (p > 0 ? t / p : 0), (f > 0 ? t / f : 0), m }'
  done <"$work/results"
done
