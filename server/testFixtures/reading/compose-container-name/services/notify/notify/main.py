import os

import uvicorn
from fastapi import FastAPI

app = FastAPI(title="acme-notify")
MAX_BATCH = 500


@app.get("/healthz")
def healthz():
    return {"ok": True}


if __name__ == "__main__":
    uvicorn.run(app, host="0.0.0.0", port=int(os.getenv("PORT", "7220")))
