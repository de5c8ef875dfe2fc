#!/usr/bin/env bash
# Starts everything for local development and opens the dashboard.
set -euo pipefail
npm --prefix services/browser start &
npm --prefix services/scraper run start &
npm --prefix apps/web run dev &
sleep 3
open http://localhost:5570 || xdg-open http://localhost:5570
wait
