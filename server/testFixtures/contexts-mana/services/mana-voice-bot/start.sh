#!/usr/bin/env bash
# Starts mana-voice-bot on the GPU box, next to mana-llm.
set -euo pipefail
cd "$(dirname "$0")"
source .venv/bin/activate
exec python -m app.main
