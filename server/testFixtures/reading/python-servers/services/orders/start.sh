#!/bin/sh
set -e
cd "$(dirname "$0")"
exec gunicorn -c config.py orders.wsgi:application
