"""Gunicorn config for orders (loaded with -c config.py)."""
bind = ["0.0.0.0:8003"]
workers = 3
timeout = 60
forwarded_allow_ips = "*"
