import os


def int_env(key, default):
    return int(os.environ.get(key, default))


ADMIN_PORT = int_env("ADMIN_PORT", 4043)
SESSION_MINUTES = int_env("SESSION_MINUTES", 480)
