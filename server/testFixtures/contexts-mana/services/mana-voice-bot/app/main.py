"""mana-voice-bot: voice in, voice out (STT -> LLM -> TTS)."""

import os

import httpx
import uvicorn
from fastapi import FastAPI, UploadFile

LLM_URL = os.getenv("MANA_LLM_URL", "http://localhost:3025")
SAMPLE_RATE = 16000
MAX_TURNS = 12

app = FastAPI(title="mana-voice-bot", version="0.6.1")


@app.get("/health")
def health() -> dict:
    return {"status": "ok", "sample_rate": SAMPLE_RATE}


@app.post("/v1/talk")
async def talk(audio: UploadFile) -> dict:
    async with httpx.AsyncClient(timeout=60) as client:
        text = (await audio.read()).decode(errors="ignore")[:4000]
        reply = (await client.post(f"{LLM_URL}/v1/chat", json={"messages": [{"role": "user", "content": text}], "max_turns": MAX_TURNS})).json()
    return {"reply": reply}


if __name__ == "__main__":
    uvicorn.run(app, host="0.0.0.0", port=int(os.getenv("PORT", "3050")))
