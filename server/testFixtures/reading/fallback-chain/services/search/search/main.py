import os

import httpx
import uvicorn
from fastapi import FastAPI

# Audit events go straight to audit in dev; in staging only the gateway is reachable.
AUDIT_URL = os.environ.get("AUDIT_URL") or os.environ.get("GATEWAY_URL", "http://localhost:4063")
TIMEOUT_S = 2.5

app = FastAPI()


@app.get("/search")
async def search(q: str):
    async with httpx.AsyncClient(timeout=TIMEOUT_S) as client:
        await client.post(f"{AUDIT_URL}/audit", json={"q": q})
    return {"hits": []}


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(os.environ.get("PORT", "4062")))
