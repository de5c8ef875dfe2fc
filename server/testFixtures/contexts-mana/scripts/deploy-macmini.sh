#!/usr/bin/env bash
# Deploys the production stack on the Mac mini (run from a laptop with ssh access).
set -euo pipefail

HOST="${DEPLOY_HOST:-mac-mini.local}"
TAG="${1:-latest}"

ssh "$HOST" "cd ~/mana && git pull --ff-only && \
  TAG=$TAG docker compose -f docker-compose.macmini.yml -f docker-compose.monitoring.yml pull && \
  TAG=$TAG docker compose -f docker-compose.macmini.yml -f docker-compose.monitoring.yml up -d --remove-orphans"

# Wait up to 90 s for the gateway to come back.
for i in $(seq 1 30); do
  if ssh "$HOST" "curl -fsS https://mana.how/health >/dev/null"; then
    echo "deployed $TAG"
    exit 0
  fi
  sleep 3
done
echo "health check failed after deploy of $TAG" >&2
exit 1
