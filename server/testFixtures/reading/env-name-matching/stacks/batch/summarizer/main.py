"""Nightly summaries against the GPU box's vLLM server (OpenAI-compatible API)."""
import os

import httpx

LLM_HOST = os.getenv("LLM_SERVICE_HOST", "localhost")
LLM_PORT = int(os.getenv("LLM_SERVICE_PORT", "8000"))
LLM_URL = os.getenv("LLM_SERVICE_URL", "http://localhost:8000/v1")
MAX_WORDS = int(os.getenv("SUMMARY_MAX_WORDS", "400"))


def summarize(text: str) -> str:
    resp = httpx.post(f"{LLM_URL}/completions", json={"prompt": text, "max_tokens": 512}, timeout=120)
    resp.raise_for_status()
    return resp.json()["choices"][0]["text"]
