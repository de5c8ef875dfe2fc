#!/bin/sh
# payments: plain gunicorn flags, no config file.
set -e
cd "$(dirname "$0")"
exec gunicorn payments.wsgi:application -b 0.0.0.0:8004 --workers 3 --timeout 60 \
  --statsd-host localhost:8125 --max-requests 500
