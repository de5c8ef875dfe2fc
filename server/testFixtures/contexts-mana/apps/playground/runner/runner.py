"""Replays prompt suites against the playground API and reports latency percentiles."""

import asyncio
import os
import time

import httpx
from fastapi import FastAPI

API_URL = os.environ["PLAYGROUND_API_URL"]
CONCURRENCY = int(os.getenv("SUITE_CONCURRENCY", "2"))
PERCENTILES = (50, 90, 99)

app = FastAPI(title="playground-runner")


@app.get("/health")
def health() -> dict:
    return {"ok": True}


@app.post("/v1/suites/{name}")
async def replay(name: str, prompts: list[str]) -> dict:
    sem = asyncio.Semaphore(CONCURRENCY)
    timings: list[float] = []

    async def one(client: httpx.AsyncClient, prompt: str) -> None:
        async with sem:
            start = time.perf_counter()
            await client.post(f"{API_URL}/v1/run", json={"prompt": prompt})
            timings.append(time.perf_counter() - start)

    async with httpx.AsyncClient(timeout=120) as client:
        await asyncio.gather(*(one(client, p) for p in prompts))
    timings.sort()
    return {"suite": name, **{f"p{p}": timings[int(len(timings) * p / 100) - 1] for p in PERCENTILES if timings}}
