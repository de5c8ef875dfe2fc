"""mana-stt: speech to text with faster-whisper."""

import tempfile

from fastapi import FastAPI, UploadFile
from faster_whisper import WhisperModel

MODEL_SIZE = "large-v3"
MAX_UPLOAD_BYTES = 25 * 1024 * 1024

app = FastAPI(title="mana-stt")
model = WhisperModel(MODEL_SIZE, device="auto", compute_type="int8")


@app.get("/health")
def health() -> dict:
    return {"status": "ok", "model": MODEL_SIZE}


@app.post("/v1/transcribe")
async def transcribe(file: UploadFile) -> dict:
    data = await file.read(MAX_UPLOAD_BYTES + 1)
    with tempfile.NamedTemporaryFile(suffix=".wav") as tmp:
        tmp.write(data)
        tmp.flush()
        segments, info = model.transcribe(tmp.name, beam_size=5)
        return {"language": info.language, "text": " ".join(s.text for s in segments)}
