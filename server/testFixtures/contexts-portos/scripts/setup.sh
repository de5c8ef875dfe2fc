#!/usr/bin/env bash
# First-time setup: dependencies, database, PM2 apps, then open the UI.
set -euo pipefail
cd "$(dirname "$0")/.."

npm install
(cd client && npm install)
[ -f .env ] || cp .env.example .env

if grep -q '^PGMODE=docker' .env; then
  docker compose up -d db
  for i in $(seq 1 20); do docker compose exec -T db pg_isready -U portos && break; sleep 1; done
fi

npx pm2 start ecosystem.config.cjs
npx pm2 save

echo "PortOS is starting on http://localhost:5555"
open http://localhost:5555 2>/dev/null || xdg-open http://localhost:5555 >/dev/null 2>&1 || true
