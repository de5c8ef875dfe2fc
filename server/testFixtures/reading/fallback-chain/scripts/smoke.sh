#!/usr/bin/env bash
# Smoke test against a running dev stack (or staging, with GATEWAY_URL set).
set -euo pipefail
curl -fsS --max-time 5 "${SEARCH_URL:-${GATEWAY_URL:-http://localhost:4062}}/search?q=test" >/dev/null
curl -fsS --max-time 5 "${GATEWAY_URL:-http://localhost:4060}/events" >/dev/null
echo "smoke ok"
