#!/bin/sh
# The old Flask admin, still used by support. Windows-friendly server.
exec waitress-serve --host 127.0.0.1 --port=8007 --threads=8 --call legacy:create_app
