"""Billing webhooks for relay. Run on its own: python services/billing/app.py"""
import os

import uvicorn
from fastapi import FastAPI

app = FastAPI()
INVOICE_DUE_DAYS = 30


@app.post("/webhooks/stripe", status_code=204)
def stripe_webhook():
    return None


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(os.getenv("PORT", "7303")))
