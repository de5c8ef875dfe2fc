from fastapi import FastAPI

app = FastAPI()
DEFAULT_LIMIT = 20


@app.get("/search")
def search(q: str, limit: int = DEFAULT_LIMIT):
    return {"q": q, "hits": [], "limit": limit}
