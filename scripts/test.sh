#!/usr/bin/env bash
# Sets up everything (scripts/setup.sh), then runs every check and test a change must pass:
# formatting, lints (native and wasm32), native tests, the content files,
# the release build with its size budget, the browser component tests (Chromium and Firefox) and
# the end-to-end tests in three engines against the release build: Chromium (Playwright),
# Firefox ESR (puppeteer-core, WebDriver BiDi) and WebKitGTK (WebKitWebDriver under an Xvfb the
# tests start and stop), with axe-core — among them the npm package (tests/e2e/package.test.mjs
# packs dist/ with scripts/package.mjs and serves it as a CDN does). Prints how long each
# engine took.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "format"
cargo fmt --all -- --check

step "JavaScript that ships or builds: types (tsc --noEmit, JSDoc)"
tsc -p scripts/tsconfig.json

step "clippy (native and wasm32; every crate)"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy --workspace --target wasm32-unknown-unknown --all-targets -- -D warnings
cargo clippy -p line-login-checker --features studio --target wasm32-unknown-unknown -- -D warnings

step "native tests (crates/core, crates/checker with the studio's positions, crates/css-minify)"
cargo test

step "content files"
cargo run --quiet --bin flowcheck -- content/line-login.ja.json content/line-login.en.json

step "release build (the post-build hook builds the checker module and compiles the content) and size budget"
rm -rf dist
./scripts/build.sh
node scripts/size.mjs dist
node scripts/studio-size.mjs dist

step "browser component tests (wasm-bindgen-test in Chromium, Firefox and WebKit)"
# The same test binary in each browser; the runner picks the browser by the driver variable set.
SECONDS=0
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 cargo test -p line-login-diagnosis --target wasm32-unknown-unknown --test browser
component_chromium=$SECONDS; SECONDS=0
GECKODRIVER="$(command -v geckodriver)" WASM_BINDGEN_TEST_TIMEOUT=180 cargo test -p line-login-diagnosis --target wasm32-unknown-unknown --test browser
component_firefox=$SECONDS; SECONDS=0
# WebKitWebDriver speaks the protocol the runner uses for safaridriver. MiniBrowser has no
# headless mode here: an Xvfb display, on a number Xvfb picks (-displayfd), stopped on exit.
xvfb_display=$(mktemp)
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"$xvfb_display" 2>/dev/null &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true; rm -f "$xvfb_display"' EXIT
for _ in $(seq 100); do [ -s "$xvfb_display" ] && break; sleep 0.1; done
[ -s "$xvfb_display" ] || { echo "Xvfb did not start"; exit 1; }
DISPLAY=":$(cat "$xvfb_display")" SAFARIDRIVER=/usr/bin/WebKitWebDriver WASM_BINDGEN_TEST_TIMEOUT=180 \
  cargo test -p line-login-diagnosis --target wasm32-unknown-unknown --test browser
kill "$xvfb_pid"
echo "component tests: Chromium ${component_chromium} s, Firefox ${component_firefox} s, WebKit ${SECONDS} s"

step "end-to-end tests (release build; Chromium, Firefox and WebKit; axe-core)"
# Two builds with a deliberate panic, for tests/e2e/panic.test.mjs: the release build's flags
# with the `test-panic` feature (a panic is a trap, caught by embed.js), and a debug build with
# the precompiled std (a panic runs the panic hook).
./scripts/build.sh --features test-panic --dist build/dist-panic
trunk build --dist build/dist-debug
# LLD_ENGINES (default chromium,firefox,webkit) narrows a run; the summary at the end prints
# each engine's share of the time.
LLD_DIST=dist LLD_PANIC_DIST=build/dist-panic LLD_DEBUG_DIST=build/dist-debug node --test --test-concurrency=1 \
  --test-reporter=tap --test-reporter-destination=stdout \
  --test-reporter=./tests/e2e/summary-reporter.mjs --test-reporter-destination=stdout tests/e2e/
