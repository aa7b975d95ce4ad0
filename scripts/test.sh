#!/usr/bin/env bash
# Sets up everything (scripts/setup.sh), then runs every check and test a change must pass:
# formatting, lints (native and wasm32), native tests, the content files,
# the release build with its size budget, the browser component tests and the end-to-end tests
# (Playwright + axe-core in Debian's headless Chromium, against the release build).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "format"
cargo fmt --all -- --check

step "clippy (native and wasm32; every crate)"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy --workspace --target wasm32-unknown-unknown --all-targets -- -D warnings

step "native tests (crates/core, crates/checker)"
cargo test

step "content files"
cargo run --quiet --bin flowcheck -- content/line-login.ja.json content/line-login.en.json

step "release build (the post-build hook builds the checker module and compiles the content) and size budget"
rm -rf dist
./scripts/build.sh
node scripts/size.mjs dist

step "browser component tests (wasm-bindgen-test in headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 cargo test -p line-login-diagnosis --target wasm32-unknown-unknown --test browser

step "end-to-end tests (release build, Playwright + axe-core)"
# Two builds with a deliberate panic, for tests/e2e/panic.test.mjs: the release build's flags
# with the `test-panic` feature (a panic is a trap, caught by embed.js), and a debug build with
# the precompiled std (a panic runs the panic hook).
./scripts/build.sh --features test-panic --dist build/dist-panic
trunk build --dist build/dist-debug
LLD_DIST=dist LLD_PANIC_DIST=build/dist-panic LLD_DEBUG_DIST=build/dist-debug node --test --test-concurrency=1 tests/e2e/
