"""Kokoro text-to-speech on the loopback interface, next to whisper (portos-tts)."""

import os

import uvicorn
from fastapi import FastAPI
from fastapi.responses import Response

VOICE = os.environ.get("TTS_VOICE", "af_heart")
SAMPLE_RATE = int(os.environ.get("TTS_SAMPLE_RATE", "24000"))
MAX_CHARS = 2000

app = FastAPI(title="portos-tts")


@app.get("/health")
def health() -> dict:
    return {"ok": True, "voice": VOICE, "sample_rate": SAMPLE_RATE}


@app.post("/v1/speak")
def speak(body: dict) -> Response:
    text = str(body.get("text", ""))[:MAX_CHARS]
    return Response(content=text.encode(), media_type="audio/wav")


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(os.environ.get("PORT", 5562)))
