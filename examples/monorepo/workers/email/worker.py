"""Email worker: pulls jobs from Redis and sends them over SMTP.

The HTTP app only serves /healthz and /metrics for the orchestrator.
"""

import os
import smtplib
import threading
import time
from email.message import EmailMessage

import redis
import uvicorn
from fastapi import FastAPI

QUEUE = "emails"
POLL_TIMEOUT_SECONDS = 5
SMTP_TIMEOUT_SECONDS = 30

app = FastAPI(title="email-worker")
sent = 0


def send(job: dict) -> None:
    msg = EmailMessage()
    msg["From"] = "shop@acme.test"
    msg["To"] = job["to"]
    msg["Subject"] = job["subject"]
    msg.set_content(job["body"])
    with smtplib.SMTP(os.getenv("SMTP_HOST", "localhost"), timeout=SMTP_TIMEOUT_SECONDS) as smtp:
        smtp.send_message(msg)


def consume() -> None:
    global sent
    queue = redis.Redis.from_url(os.environ["REDIS_URL"], decode_responses=True)
    while True:
        item = queue.blpop(QUEUE, timeout=POLL_TIMEOUT_SECONDS)
        if item is None:
            continue
        send(parse_job(item[1]))
        sent += 1


def parse_job(raw: str) -> dict:
    to, subject, body = raw.split("\x1f", 2)
    return {"to": to, "subject": subject, "body": body}


@app.get("/healthz")
def healthz() -> dict:
    return {"status": "ok", "sent": sent, "uptime": time.monotonic()}


if __name__ == "__main__":
    threading.Thread(target=consume, daemon=True).start()
    uvicorn.run(app, port=6130, log_level="info")
