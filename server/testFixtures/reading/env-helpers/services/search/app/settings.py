from environs import Env

env = Env()
env.read_env()

PORT = env.int("PORT", 8000)
WORKERS = env.int("WORKERS", 4)
REDIS_PORT = env.int("REDIS_PORT", 6379)
DEBUG = env.bool("DEBUG", False)
