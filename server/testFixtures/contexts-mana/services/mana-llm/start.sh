#!/usr/bin/env bash
# Starts mana-llm on the GPU box; Ollama must already be running.
set -euo pipefail
cd "$(dirname "$0")"
source .venv/bin/activate
export PORT="${PORT:-3025}"
exec python -m app.main
