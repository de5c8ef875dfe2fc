#!/usr/bin/env bash
# First-time setup of the mail relay stack.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f .env ] || cp .env.sample .env
docker compose pull
