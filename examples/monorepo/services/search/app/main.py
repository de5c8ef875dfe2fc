"""Product search: a tiny in-memory index behind a FastAPI app."""

import os
from dataclasses import dataclass

import uvicorn
from fastapi import FastAPI, HTTPException, Query

MAX_RESULTS = 50
CACHE_SECONDS = 300

app = FastAPI(title="acme-search", version="0.3.1")


@dataclass
class Product:
    sku: str
    title: str
    price_cents: int


CATALOGUE = [
    Product("SKU-1001", "Espresso cup", 1200),
    Product("SKU-1002", "Milk jug", 1850),
    Product("SKU-2040", "Grinder", 8900),
]


@app.get("/health")
def health() -> dict:
    return {"status": "ok", "products": len(CATALOGUE)}


@app.get("/search")
def search(q: str = Query(min_length=2), limit: int = Query(10, le=MAX_RESULTS)) -> list[dict]:
    hits = [p for p in CATALOGUE if q.lower() in p.title.lower()]
    if not hits:
        raise HTTPException(status_code=404, detail=f"nothing matches {q!r}")
    return [p.__dict__ for p in hits[:limit]]


if __name__ == "__main__":
    port = int(os.getenv("PORT", "4101"))
    uvicorn.run(app, host="0.0.0.0", port=port, timeout_keep_alive=CACHE_SECONDS)
