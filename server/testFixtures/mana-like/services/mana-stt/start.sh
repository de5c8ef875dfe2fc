#!/usr/bin/env bash
# mana-stt runs under uvicorn directly (no __main__ block in app/main.py).
set -euo pipefail
cd "$(dirname "$0")"
exec uvicorn app.main:app --host 0.0.0.0 --port 3020 --workers 1
