#!/usr/bin/env bash
# Shared headless Chromium. Scraper and reporter connect over CDP.
set -euo pipefail
node health.js &
exec chromium --headless=new \
  --remote-debugging-address=127.0.0.1 \
  --remote-debugging-port=5556 \
  --window-size=1366,768 \
  --user-data-dir=/tmp/crawlkit-profile
