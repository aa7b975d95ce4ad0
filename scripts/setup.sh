#!/usr/bin/env bash
# Installs everything the demo and the tests need, skipping what is already there:
# Debian's Chromium + ChromeDriver, Firefox ESR and WebKitGTK's WebKitWebDriver + MiniBrowser
# with Xvfb (the three browser engines of the tests; geckodriver, from the Rust crate registry, runs the
# component tests in Firefox), CJK fonts (readable screenshots), Node.js,
# the pinned Rust toolchain with rust-src and the wasm32 target (and std's dependencies, for the
# release build that compiles std), trunk 0.21, the wasm-bindgen CLI of the exact version in Cargo.lock, and
# the npm tools (wasm-opt from binaryen, esbuild, playwright-core, puppeteer-core, axe-core) from
# package-lock.json. Nothing is downloaded but from the package registries (and rustup, for its own components).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

apt_missing=()
command -v chromium >/dev/null 2>&1 || apt_missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || apt_missing+=(chromium-driver)
command -v firefox-esr >/dev/null 2>&1 || apt_missing+=(firefox-esr)
command -v WebKitWebDriver >/dev/null 2>&1 || apt_missing+=(webkit2gtk-driver)
[ -x /usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser ] || apt_missing+=(libwebkit2gtk-4.1-0)
command -v Xvfb >/dev/null 2>&1 || apt_missing+=(xvfb)
command -v node >/dev/null 2>&1 || apt_missing+=(nodejs)
command -v npm >/dev/null 2>&1 || apt_missing+=(npm)
if ! fc-list 2>/dev/null | grep -q "Noto Sans CJK"; then apt_missing+=(fonts-noto-cjk); fi
if [ ${#apt_missing[@]} -gt 0 ]; then
  say "apt-get install ${apt_missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${apt_missing[@]}" >/dev/null
fi

# The pinned compiler (rust-toolchain.toml, README "Size"): where the machine's stable toolchain
# is that very version, it serves under the pinned name; otherwise rustup installs it.
toolchain=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
if ! rustup toolchain list | grep -q "^$toolchain"; then
  if [ "$(rustc +stable --version 2>/dev/null | awk '{print $2}')" = "$toolchain" ]; then
    say "rustup toolchain link $toolchain (the machine's stable is $toolchain)"
    rustup toolchain link "$toolchain" "$(rustc +stable --print sysroot)"
  else
    say "rustup toolchain install $toolchain"
    rustup toolchain install "$toolchain" --profile minimal
  fi
fi
installed=$(rustup component list --installed)
for component in rustfmt clippy rust-src; do
  if ! grep -q "^$component" <<<"$installed"; then
    say "rustup component add $component"
    rustup component add "$component"
  fi
done
if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
# The release build compiles std (scripts/build.sh) and runs offline: std's own dependencies
# must be in cargo's cache first.
std_lock="$(rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.lock"
if ! RUSTC_BOOTSTRAP=1 cargo fetch --offline --manifest-path "${std_lock%.lock}.toml" >/dev/null 2>&1; then
  say "cargo fetch (the dependencies of std, for the release build)"
  RUSTC_BOOTSTRAP=1 cargo fetch --manifest-path "${std_lock%.lock}.toml" --quiet
fi

if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  say "cargo install trunk 0.21 (about 7 minutes on 2 cores)"
  cargo install trunk --version "~0.21" --locked
fi

# Trunk insists on the wasm-bindgen CLI matching Cargo.lock (it would try to download it).
# No --locked: a locked dependency of the CLI is missing from the registry.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen_version" ]; then
  say "cargo install wasm-bindgen-cli $bindgen_version (about 2 minutes)"
  cargo install wasm-bindgen-cli --version "$bindgen_version"
fi

# wasm-bindgen-test-runner drives Firefox through geckodriver (GECKODRIVER, scripts/test.sh).
if ! geckodriver --version >/dev/null 2>&1; then
  say "cargo install geckodriver (about 3 minutes on 2 cores)"
  cargo install geckodriver --locked
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/esbuild ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/puppeteer-core ] \
   || [ ! -d node_modules/axe-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci (wasm-opt, esbuild, playwright-core, puppeteer-core, axe-core)"
  npm ci --no-audit --no-fund --loglevel=error
fi
say "ready: $(trunk --version), wasm-bindgen $bindgen_version, $(node_modules/.bin/wasm-opt --version | cut -d' ' -f1-3), $(chromium --version 2>/dev/null), $(firefox-esr --version 2>/dev/null), WebKitGTK $(dpkg-query -W -f='${Version}' libwebkit2gtk-4.1-0 2>/dev/null), $(geckodriver --version 2>/dev/null | head -1)"
