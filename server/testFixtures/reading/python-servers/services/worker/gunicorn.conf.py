# The worker's webhook receiver sits behind nginx on a Unix socket.
bind = 'unix:/run/worker/gunicorn.sock'
workers = 2
timeout = 300
umask = 0o007
