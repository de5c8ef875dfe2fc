# Uvicorn workers under gunicorn; the platform may set PORT.
import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8005')}"
worker_class = "uvicorn.workers.UvicornWorker"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
timeout = 90
