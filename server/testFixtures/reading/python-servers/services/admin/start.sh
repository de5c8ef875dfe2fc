#!/bin/sh
# Django admin over ASGI (channels).
exec daphne -b 0.0.0.0 -p 8012 admin.asgi:application
