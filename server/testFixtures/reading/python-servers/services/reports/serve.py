"""Serve the reports app with waitress (python serve.py)."""
from waitress import serve

from reports import create_app

if __name__ == "__main__":
    serve(create_app(), host="0.0.0.0", port=8001, threads=8, channel_timeout=120)
