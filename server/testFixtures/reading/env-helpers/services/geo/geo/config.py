import os


def getenv_int(name: str, default: int) -> int:
    value = os.getenv(name)
    return int(value) if value else default


PORT = getenv_int("PORT", 8080)
CACHE_TTL = getenv_int("CACHE_TTL", 3600)
TILE_SIZE = getenv_int("TILE_SIZE", 256)
