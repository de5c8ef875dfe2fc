# Sidekiq Web UI, only behind the admin's nginx on a Unix socket.
bind "unix:///tmp/sidekiq-web.sock"
threads 1, 2
