"""Playground API: prompt history plus a thin proxy to mana-llm."""

import os

import httpx
from fastapi import FastAPI

LLM_URL = os.environ["MANA_LLM_URL"]
PROMPT_CACHE_TTL = int(os.getenv("PROMPT_CACHE_TTL", "300"))
MAX_PROMPT_CHARS = 32_000

app = FastAPI(title="playground-api")
history: list[dict] = []


@app.get("/health")
def health() -> dict:
    return {"ok": True, "prompts": len(history)}


@app.post("/v1/run")
async def run(body: dict) -> dict:
    prompt = str(body.get("prompt", ""))[:MAX_PROMPT_CHARS]
    async with httpx.AsyncClient(timeout=90) as client:
        res = await client.post(f"{LLM_URL}/v1/chat", json={"messages": [{"role": "user", "content": prompt}]})
    history.append({"prompt": prompt, "status": res.status_code})
    return res.json()
