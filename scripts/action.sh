#!/usr/bin/env bash
# The steps of the dilint GitHub Action (action.yml), kept in a script so
# they can be run and tested outside GitHub:
#
#   scripts/action.sh install   build dilint from the action's checkout into
#                               $RUNNER_TEMP/dilint-bin and add it to $GITHUB_PATH
#   scripts/action.sh lint      run dilint for the chosen reporter
#
# Inputs arrive as environment variables (INPUT_PATHS, INPUT_ARGS,
# INPUT_REPORTER, INPUT_FAIL_ON, INPUT_REVIEWDOG_REPORTER,
# INPUT_REVIEWDOG_FILTER_MODE); GitHub's own variables give
# GITHUB_ACTION_PATH, RUNNER_TEMP, GITHUB_PATH and GITHUB_OUTPUT.
set -euo pipefail

install() {
  local bin="$RUNNER_TEMP/dilint-bin"
  mkdir -p "$bin"
  # The action's revision is the dilint that runs: build it from the
  # action's own checkout, so a pinned SHA or tag pins the linter too.
  # Static (no cgo): loading libc for net's resolver costs every run ~3 ms.
  (cd "$GITHUB_ACTION_PATH" && CGO_ENABLED=0 go build -trimpath -o "$bin/dilint" ./cmd/dilint)
  echo "$bin" >>"$GITHUB_PATH"
  "$bin/dilint" version
}

lint() {
  local dilint="$RUNNER_TEMP/dilint-bin/dilint"
  local -a paths args
  # Paths and extra arguments are split on white space, as a shell would
  # split an unquoted word; globs are left for dilint to expand.
  read -r -a paths <<<"${INPUT_PATHS:-.}"
  read -r -a args <<<"${INPUT_ARGS:-}"
  if [ -n "${INPUT_FAIL_ON:-}" ]; then
    args+=(--fail-on "$INPUT_FAIL_ON")
  fi
  local status=0
  case "${INPUT_REPORTER:-github}" in
    github)
      "$dilint" lint --format github "${args[@]}" -- "${paths[@]}" || status=$?
      ;;
    sarif)
      local sarif="$RUNNER_TEMP/dilint.sarif"
      "$dilint" lint -o "sarif=$sarif" "${args[@]}" -- "${paths[@]}" || status=$?
      echo "sarif=$sarif" >>"$GITHUB_OUTPUT"
      ;;
    reviewdog)
      command -v reviewdog >/dev/null || { echo "::error::reporter reviewdog needs reviewdog on PATH"; exit 2; }
      local rd="$RUNNER_TEMP/dilint.rdjson"
      "$dilint" lint -o "rdjson=$rd" "${args[@]}" -- "${paths[@]}" || status=$?
      if [ "$status" -le 1 ]; then
        reviewdog -f=rdjson -name=dilint \
          -reporter="${INPUT_REVIEWDOG_REPORTER:-github-pr-review}" \
          -filter-mode="${INPUT_REVIEWDOG_FILTER_MODE:-added}" <"$rd"
      fi
      ;;
    *)
      echo "::error::unknown reporter '${INPUT_REPORTER}' (valid: github, sarif, reviewdog)"
      exit 2
      ;;
  esac
  echo "exit-code=$status" >>"$GITHUB_OUTPUT"
  return "$status"
}

case "${1:-}" in
  install) install ;;
  lint) lint ;;
  *) echo "usage: $0 install|lint" >&2; exit 2 ;;
esac
