import uvicorn

from app import settings

if __name__ == "__main__":
    uvicorn.run("app.api:app", host="0.0.0.0", port=settings.PORT, workers=settings.WORKERS)
