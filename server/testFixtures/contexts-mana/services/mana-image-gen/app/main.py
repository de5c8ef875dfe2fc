"""mana-image-gen: image generation with FLUX."""

import os

import uvicorn
from fastapi import FastAPI
from pydantic import BaseModel

DEFAULT_STEPS = 28
MAX_SIDE = 1024
GUIDANCE = 3.5

app = FastAPI(title="mana-image-gen")


class Job(BaseModel):
    prompt: str
    steps: int = DEFAULT_STEPS
    width: int = MAX_SIDE
    height: int = MAX_SIDE


@app.get("/health")
def health() -> dict:
    return {"status": "ok", "service": "mana-image-gen"}


@app.post("/v1/generate")
def generate(job: Job) -> dict:
    if max(job.width, job.height) > MAX_SIDE:
        return {"error": f"largest side is {MAX_SIDE}px"}
    return {"queued": True, "prompt": job.prompt, "steps": job.steps, "guidance": GUIDANCE}


if __name__ == "__main__":
    port = int(os.getenv("PORT", "3026"))
    uvicorn.run(app, host="0.0.0.0", port=port)
