#!/usr/bin/env bash
# Install whatever is missing, build the release site and serve it on localhost.
# usage: scripts/serve.sh [PORT]      (default 8080; a free port is picked if it is taken)
source "$(dirname "$0")/lib.sh"
ensure_web_toolchain
build_site
exec node scripts/serve.mjs "${1:-8080}"
