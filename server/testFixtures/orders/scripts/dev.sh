#!/usr/bin/env sh
# Starts payments and the storefront on this machine; `docker compose up` runs the orders API.
set -e
set -a; . ./.env; set +a
(cd services/payments && python -m app.main) &
(cd apps/storefront && npm run dev) &
wait
