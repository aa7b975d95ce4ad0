#!/usr/bin/env bash
# Sets up everything (scripts/setup.sh) and starts the demo landing page with `trunk serve`
# on http://127.0.0.1:8080/ (pass other trunk options after the script, e.g. --port 9000).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"   # Trunk finds wasm-opt (binaryen 132) here
exec trunk serve "$@"
