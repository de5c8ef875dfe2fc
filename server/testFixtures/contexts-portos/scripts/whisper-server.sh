#!/usr/bin/env bash
# whisper.cpp HTTP server on the loopback interface. PM2 (portos-whisper) sets PORT.
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL="data/models/${WHISPER_MODEL:-ggml-base.en.bin}"
THREADS="${WHISPER_THREADS:-4}"
exec ./vendor/whisper.cpp/build/bin/whisper-server \
  --host 127.0.0.1 \
  --port "${PORT:-5562}" \
  --model "$MODEL" \
  --threads "$THREADS"
