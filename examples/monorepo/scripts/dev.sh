#!/usr/bin/env bash
# Starts the shop for local development: infrastructure in Docker, services on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."

set -a; source .env; set +a

docker compose up -d postgres redis gateway

(cd services/auth && npm run build)
PORT=4101 node services/auth/dist/server.js &
(cd services/billing && go run .) &
(cd services/search && python -m app.main) &
(cd services/notifier && npm start) &
(cd apps/web && npm run dev) &

# Give everything a few seconds, then ask the gateway whether it can see the services.
sleep 3
curl --fail --silent --max-time 5 http://localhost:4100/health && echo " gateway is up"

wait
