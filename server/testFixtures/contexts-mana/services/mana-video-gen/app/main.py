"""mana-video-gen: short video clips from a prompt (copied from mana-image-gen)."""

import os

import uvicorn
from fastapi import FastAPI
from pydantic import BaseModel

DEFAULT_STEPS = 28
MAX_SIDE = 720
MAX_SECONDS = 6
FPS = 24

app = FastAPI(title="mana-video-gen")


class Job(BaseModel):
    prompt: str
    steps: int = DEFAULT_STEPS
    seconds: int = MAX_SECONDS


@app.get("/health")
def health() -> dict:
    return {"status": "ok", "service": "mana-video-gen"}


@app.post("/v1/generate")
def generate(job: Job) -> dict:
    if job.seconds > MAX_SECONDS:
        return {"error": f"at most {MAX_SECONDS}s"}
    return {"queued": True, "frames": job.seconds * FPS, "side": MAX_SIDE}


if __name__ == "__main__":
    port = int(os.getenv("PORT", "3026"))
    uvicorn.run(app, host="0.0.0.0", port=port)
