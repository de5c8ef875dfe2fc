import uvicorn
from fastapi import FastAPI
from prometheus_client import Counter, start_http_server

app = FastAPI()
INVOICES = Counter("billing_invoices_total", "Invoices issued")


@app.get("/healthz")
def healthz():
    return {"ok": True}


if __name__ == "__main__":
    start_http_server(9102)
    uvicorn.run(app, host="0.0.0.0", port=8080)
