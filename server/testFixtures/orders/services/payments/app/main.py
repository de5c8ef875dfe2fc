"""Card payments: charges and refunds for the orders API."""
import os

import uvicorn
from fastapi import FastAPI

app = FastAPI(title="payments")
ORDERS_URL = os.getenv("ORDERS_URL", "http://localhost:4300")
RETRY_AFTER_SECONDS = 30


@app.post("/charges", status_code=201)
def charge(order: dict) -> dict:
    return {"order": order.get("id"), "status": "captured"}


if __name__ == "__main__":
    # Moved off 4302 while the old payments box still answered there; the plan was never updated.
    uvicorn.run(app, host="0.0.0.0", port=int(os.getenv("PORT", "4303")))
