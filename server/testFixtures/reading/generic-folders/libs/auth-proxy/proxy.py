"""Tiny auth proxy used in local development in front of the api."""
import os

import uvicorn
from fastapi import FastAPI

app = FastAPI()
UPSTREAM = os.getenv("API_URL", "http://localhost:4302")

if __name__ == "__main__":
    uvicorn.run(app, port=int(os.getenv("PORT", "4350")))
