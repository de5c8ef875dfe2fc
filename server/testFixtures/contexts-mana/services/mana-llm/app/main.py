"""mana-llm: one API in front of Ollama and OpenRouter."""

import os

import httpx
import uvicorn
from fastapi import FastAPI

OLLAMA_URL = os.getenv("OLLAMA_URL", "http://localhost:11434")
OPENROUTER_URL = os.getenv("OPENROUTER_URL", "https://openrouter.ai/api/v1")
REQUEST_TIMEOUT = 120.0

app = FastAPI(title="mana-llm", version="0.4.0")


@app.get("/health")
async def health() -> dict:
    return {"status": "ok"}


@app.post("/v1/chat")
async def chat(body: dict) -> dict:
    async with httpx.AsyncClient(timeout=REQUEST_TIMEOUT) as client:
        res = await client.post(f"{OLLAMA_URL}/api/chat", json={**body, "stream": False})
        res.raise_for_status()
        return res.json()


if __name__ == "__main__":
    uvicorn.run(app, host="0.0.0.0", port=int(os.getenv("PORT", "3025")))
