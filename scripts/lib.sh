# Shared set-up steps for scripts/serve.sh and scripts/test.sh. Each `ensure_*` installs what is
# missing (only from the Rust crate registry, npm, Debian packages or rustup) and is silent when
# everything is already there.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CARGO_TERM_QUIET="${CARGO_TERM_QUIET:-false}"

TRUNK_VERSION="0.21.14"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# fail STEP HINT: stop with a message naming the step and what to try.
fail() {
  printf '\n\033[31mset-up step failed: %s\033[0m\n  what to try: %s\n' "$1" "$2" >&2
  exit 1
}

# run_logged STEP HINT CMD...: run an install command, show its log only if it fails.
run_logged() {
  local step="$1" hint="$2"; shift 2
  local log; log="$(mktemp)"
  say "$step"
  if ! "$@" >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    fail "$step" "$hint"
  fi
  rm -f "$log"
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_rust() {
  command -v cargo >/dev/null || fail "find cargo" "install Rust with rustup (https://rustup.rs), then open a new shell"
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    run_logged "rustup target add wasm32-unknown-unknown" "check that rustup can reach its server; run the command by hand" \
      rustup target add wasm32-unknown-unknown
  fi
  local have; have="$(rustup component list --installed 2>/dev/null || true)"
  for comp in rustfmt clippy; do
    if ! grep -q "^$comp" <<<"$have"; then
      run_logged "rustup component add $comp" "run 'rustup component add $comp' by hand" rustup component add "$comp"
    fi
  done
}

# The wasm-bindgen version in Cargo.lock: wasm-bindgen-cli must be exactly this version.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_trunk() {
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    run_logged "cargo install trunk $TRUNK_VERSION (about 10 minutes on 2 cores)" \
      "check that crates.io is reachable; Trunk 0.22 needs a newer rustc, so keep --version $TRUNK_VERSION" \
      cargo install --locked trunk --version "$TRUNK_VERSION"
  fi
}

ensure_wasm_bindgen() {
  local want; want="$(wasm_bindgen_version)"
  [ -n "$want" ] || fail "read the wasm-bindgen version from Cargo.lock" "run 'cargo generate-lockfile' and try again"
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want" ] \
    || ! command -v wasm-bindgen-test-runner >/dev/null; then
    say "cargo install wasm-bindgen-cli $want (about 2 minutes)"
    if ! cargo install --locked wasm-bindgen-cli --version "$want" >/tmp/wasm-bindgen-install.log 2>&1; then
      # --locked pins a dependency the registry may no longer serve; an unlocked install works.
      run_logged "cargo install wasm-bindgen-cli $want (unlocked)" \
        "check that crates.io is reachable; the version must equal wasm-bindgen in Cargo.lock" \
        cargo install --force wasm-bindgen-cli --version "$want"
    fi
  fi
}

ensure_npm() {
  command -v npm >/dev/null || fail "find npm" "install Node.js 20 and npm (apt-get install nodejs npm)"
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    run_logged "npm ci (playwright-core, axe-core, binaryen wasm-opt)" \
      "check that the npm registry is reachable; delete node_modules and retry" \
      npm ci --no-audit --no-fund
  fi
  [ "$(wasm-opt --version 2>/dev/null | grep -o 'version_[0-9]*')" = "version_132" ] \
    || fail "find wasm-opt version_132 from npm binaryen" "run 'npm ci'; never use Debian's wasm-opt (it breaks the wasm)"
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    run_logged "apt-get install chromium chromium-driver" \
      "run 'apt-get update && apt-get install -y chromium chromium-driver' as root" \
      bash -c "$(declare -f as_root); as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver"
  fi
}

# openpyxl, the standard reader the workbook tests open .xlsx files with (Debian's package, for
# Debian's /usr/bin/python3).
ensure_openpyxl() {
  if ! /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
    run_logged "apt-get install python3-openpyxl" \
      "run 'apt-get update && apt-get install -y python3-openpyxl' as root" \
      bash -c "$(declare -f as_root); as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-openpyxl"
  fi
}

ensure_web_toolchain() {
  ensure_rust
  ensure_npm
  ensure_trunk
  ensure_wasm_bindgen
}

build_site() {
  run_logged "cargo fetch" "check that crates.io is reachable" cargo fetch
  say "trunk build --release (offline)"
  trunk build --release --offline || fail "trunk build" "read the compiler output above; 'cargo build --target wasm32-unknown-unknown' shows the same errors"
}
