from quart import Quart

app = Quart(__name__)
RETRY_AFTER_SECONDS = 30


@app.post("/notify")
async def notify():
    return "", 202
