#!/usr/bin/env bash
# The release build of the widget: what a marketer hosts (dist/, README "Embedding it in a page").
# Trunk.toml's own dist is build/serve/, the preview's (`trunk serve`); this script writes dist/
# unless it is given another --dist.
#
#   ./scripts/build.sh [trunk build options]        # e.g. --dist build/x, --features test-panic
#   LLD_STD=stable ./scripts/build.sh               # the plain-stable build (bigger, see below)
#
# By default std is compiled together with the widget, with panics as immediate traps
# (`-Zbuild-std`, `-Cpanic=immediate-abort`): the panic and formatting machinery of the
# precompiled std leaves the wasm, about 9.5 KB gzip of a page's load (README "Size"). Both
# switches are unstable: RUSTC_BOOTSTRAP=1 allows them on the pinned stable compiler
# (rust-toolchain.toml), and they apply to the wasm target only, never to build scripts or
# native tools. A panic then traps without running the panic hook; embed.js catches the trap and
# shows every widget's fallback (tests/e2e/panic.test.mjs proves both builds).
#
# LLD_STD=stable builds with the precompiled std and the panic hook instead: no unstable
# switch at all. scripts/size.mjs prints which of the two it measured (dist/build.json).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

case "${LLD_STD:-build-std}" in
  build-std)
    export RUSTC_BOOTSTRAP=1
    export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
    export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none"
    export LLD_STD=build-std
    ;;
  stable) ;;
  *)
    echo "build.sh: LLD_STD=${LLD_STD} is not a build; use build-std (the default) or stable" >&2
    exit 2
    ;;
esac
case " $* " in
  *" --dist "* | *" --dist="* | *" -d "*) ;;
  *) set -- --dist dist "$@" ;;
esac
exec trunk build --release "$@"
