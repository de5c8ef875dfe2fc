#!/usr/bin/env bash
# chat: websocket fan-out behind nginx.
set -euo pipefail
cd "$(dirname "$0")"
exec hypercorn chat.asgi:app --bind 127.0.0.1:8011 --workers 2 --keep-alive 75
