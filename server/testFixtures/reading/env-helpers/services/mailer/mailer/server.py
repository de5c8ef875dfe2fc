import tomli
from aiohttp import web

with open("mailer.toml", "rb") as fh:
    config = tomli.load(fh)

SMTP = (config.get('smtp_host', 'localhost'), config.get('smtp_port', 25))
RETRIES = config.get('retries', 3)
MAX_BODY = config.get('max_body_size', 10485760)

app = web.Application(client_max_size=MAX_BODY)
web.run_app(app, port=config.get('port', 8080))
