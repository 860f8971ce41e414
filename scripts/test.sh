#!/usr/bin/env bash
# Install whatever is missing, then run every check and test:
#   formatting and clippy (native core and wasm UI), the core's independence from web crates,
#   native unit/fixture/property tests, wasm-bindgen-test components in headless Chromium,
#   the release build with its size report, and Playwright end-to-end flows against it.
source "$(dirname "$0")/lib.sh"
ensure_web_toolchain
ensure_chromium
ensure_openpyxl

say "cargo fmt --check"
cargo fmt --check || fail "cargo fmt --check" "run 'cargo fmt' and commit the result"

say "clippy: rule core natively (no default features), UI for wasm32"
cargo clippy --quiet --no-default-features --all-targets -- -D warnings
cargo clippy --quiet --no-default-features --all-targets --features synthetic-2028 -- -D warnings
cargo clippy --quiet --no-default-features --all-targets --features synthetic-field -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown --lib --bins --tests -- -D warnings
# The Fleet view's app (no JS API) and its engine (rule core + wasm-bindgen only), as Trunk builds them.
cargo clippy --quiet --target wasm32-unknown-unknown --no-default-features --features web --lib --bins -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown --no-default-features --features fleet-worker --bin fleet-worker -- -D warnings

say "the rule core builds without web crates"
if cargo tree --no-default-features -e normal --prefix none | grep -E '^(leptos|web-sys|gloo|wasm-bindgen) '; then
  fail "core independence" "a web crate is reachable without the 'web' feature; make it optional in Cargo.toml"
fi
echo "ok: no leptos, web-sys, gloo or wasm-bindgen without the web feature"

say "native tests: rule core (unit, fixtures, properties) and the upgrade-plan command"
# With the seed documents beside the checkout (as in CI), the quotation test must find them.
if [ -d ../shared/seeds ]; then export REQUIRE_SEEDS=1; fi
cargo test --no-default-features

say "adding a version: the synthetic Windows Server 2028 (docs/adding-a-version.md)"
cargo test --no-default-features --features synthetic-2028 --test synthetic_version --test fixtures

say "adding a field: the synthetic current.synthetic_widget (docs/adding-a-field.md)"
cargo test --no-default-features --features synthetic-field --test synthetic_field

say "wasm-bindgen-test: components in headless Chromium"
# As root, the runner already passes --headless --no-sandbox --disable-dev-shm-usage to Chromium.
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test --target wasm32-unknown-unknown --test web

build_site

say "size report"
node scripts/size-report.mjs dist

say "end-to-end: Playwright (playwright-core + /usr/bin/chromium) against the release build"
# The Fleet tests compare the page with the command; build it without the synthetic test version.
cargo build --quiet --no-default-features --bin upgrade-plan
UPGRADE_PLAN_BIN="$ROOT/target/debug/upgrade-plan" node --test --test-concurrency=1 tests/e2e/

say "all checks passed"
