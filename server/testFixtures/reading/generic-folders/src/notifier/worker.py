"""Sends tile-ready notifications. Health endpoint only."""
import uvicorn
from fastapi import FastAPI

app = FastAPI()
BATCH = 64


@app.get("/healthz")
def healthz():
    return {"ok": True}


if __name__ == "__main__":
    uvicorn.run(app, host="0.0.0.0", port=4330)
