"""Sends one traced request through Langfuse to check the keys (run by hand before a release)."""

import os
import sys

from langfuse import Langfuse

LANGFUSE_HOST = os.getenv("LANGFUSE_HOST", "https://external.example:8443")
FLUSH_TIMEOUT_SECONDS = 10


def main() -> int:
    client = Langfuse(host=LANGFUSE_HOST, timeout=FLUSH_TIMEOUT_SECONDS)
    trace = client.trace(name="mana-llm-smoke", metadata={"release": "2026.04"})
    trace.generation(name="ping", model="llama3.1:8b", input="ping", output="pong")
    client.flush()
    print(f"sent trace {trace.id} to {LANGFUSE_HOST}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
