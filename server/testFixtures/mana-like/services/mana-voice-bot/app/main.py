"""mana-voice-bot: voice in, voice out (STT -> LLM -> TTS)."""

import os

import httpx
import uvicorn
from fastapi import FastAPI, UploadFile

STT_URL = os.getenv("MANA_STT_URL", "http://localhost:3020")
LLM_URL = os.getenv("MANA_LLM_URL", "http://localhost:3025")
SAMPLE_RATE = 16000

app = FastAPI(title="mana-voice-bot")


@app.get("/health")
def health() -> dict:
    return {"status": "ok", "sample_rate": SAMPLE_RATE}


@app.post("/v1/talk")
async def talk(audio: UploadFile) -> dict:
    async with httpx.AsyncClient(timeout=60) as client:
        heard = (await client.post(f"{STT_URL}/v1/transcribe", files={"file": await audio.read()})).json()
        reply = (await client.post(f"{LLM_URL}/v1/chat", json={"messages": [{"role": "user", "content": heard["text"]}]})).json()
    return {"heard": heard["text"], "reply": reply}


if __name__ == "__main__":
    uvicorn.run(app, host="0.0.0.0", port=int(os.getenv("PORT", "3050")))
