from starlette.applications import Starlette
from starlette.routing import WebSocketRoute

MAX_MESSAGE_BYTES = 65536


async def room(ws):
    await ws.accept()


app = Starlette(routes=[WebSocketRoute("/ws/{room}", room)])
