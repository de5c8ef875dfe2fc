#!/usr/bin/env bash
# Merge the chosen service templates into docker-compose.yml.
set -euo pipefail
TEMPLATES=.templates
choices=$(whiptail --checklist "Pick services" 20 60 12 $(ls "$TEMPLATES" | sed 's/.*/& & OFF/') 3>&1 1>&2 2>&3)
{
  echo "services:"
  for svc in $choices; do
    sed 's/^/  /' "$TEMPLATES/${svc//\"/}/service.yml"
  done
} > docker-compose.yml
echo "Wrote docker-compose.yml with: $choices"
