#!/usr/bin/env bash
# The performance benchmark (not part of scripts/test.sh; it never fails on a missed target):
#   1. builds the release bundle into build/bench/dist (exactly like scripts/build.sh),
#   2. builds the same wasm with its function names kept (wasm-bindgen, then wasm-opt with the
#      flags of index.html plus -g) for the size breakdown by twiggy,
#   3. runs scripts/bench.mjs: sizes, twiggy breakdown, time to ready (throttled slow 4G + 4x CPU
#      and unthrottled, interleaved with a plain-HTML reference page), tap-to-next-question over
#      every answer path, layout shift, long tasks, memory. Table on stdout, JSON in
#      build/bench/results.json (the table also in build/bench/results.txt). docs/benchmark.md
#      explains every number.
#   4. runs scripts/profile.mjs: a trace and a CPU profile of the start and of three taps at 4x
#      CPU, by trace event and by function (build/bench/profile.txt).
#
# Options (environment): BENCH_RUNS=11 (fresh loads per page and condition, at least 7),
# BENCH_SKIP_BUILD=1 (reuse build/bench from the last run). Takes about 8 minutes on 2 cores; run it
# on an idle machine (it says so when it is not).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"   # trunk finds wasm-opt here

OUT=build/bench
DIST=$OUT/dist
NAMES=$OUT/names
step() { printf '\n\033[1m== %s\033[0m\n' "$*" >&2; }

for tool in trunk wasm-bindgen cargo node; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing: run ./scripts/setup.sh first" >&2; exit 1; }
done
[ -x node_modules/.bin/wasm-opt ] && [ -d node_modules/playwright-core ] ||
  { echo "bench: the npm tools are missing: run ./scripts/setup.sh first" >&2; exit 1; }
[ -x /usr/bin/chromium ] || { echo "bench: /usr/bin/chromium is missing: run ./scripts/setup.sh first" >&2; exit 1; }
if ! command -v twiggy >/dev/null; then
  step "installing twiggy (cargo install, once)"
  cargo install twiggy --locked
fi

if [ "${BENCH_SKIP_BUILD:-}" != "1" ]; then
  step "release build into $DIST"
  rm -rf "$DIST" "$NAMES"
  mkdir -p "$OUT"
  ./scripts/build.sh --dist "$DIST" >&2
  # Copied at once: target/ is shared with other builds that may overwrite it.
  cp target/wasm32-unknown-unknown/release/line_login_diagnosis.wasm "$OUT/line_login_diagnosis.wasm"

  step "the same wasm with names kept (for twiggy)"
  # The wasm-opt level and flags Trunk uses, read from index.html so they cannot drift.
  level=$(sed -n 's/.*data-wasm-opt="\([^"]*\)".*/\1/p' index.html)
  params=$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html)
  wasm-bindgen --target=web --no-typescript --out-dir="$NAMES" --out-name=line-login-diagnosis \
    "$OUT/line_login_diagnosis.wasm"
  # shellcheck disable=SC2086 # params is a list of flags
  wasm-opt "-O${level:-z}" -g $params --output="$NAMES/named.wasm" "$NAMES/line-login-diagnosis_bg.wasm"
  # bench.mjs checks that every section but the names has the shipped wasm's size, else the
  # breakdown would describe another binary (another build overwrote target/ in between).
fi
[ -f "$DIST/line-login-diagnosis_bg.wasm" ] && [ -f "$NAMES/named.wasm" ] ||
  { echo "bench: no build in $OUT: run without BENCH_SKIP_BUILD=1" >&2; exit 1; }

step "measuring"
node scripts/bench.mjs --dist "$DIST" --named "$NAMES/named.wasm" --out "$OUT/results.json" | tee "$OUT/results.txt"

step "where the time goes (a trace and a CPU profile of the start and of three taps)"
node scripts/profile.mjs --dist "$DIST" --named "$NAMES/named.wasm" | tee "$OUT/profile.txt"
