threads 1, 3
bind "tcp://0.0.0.0:#{ENV.fetch('PORT', 3110)}"
preload_app!
persistent_timeout 20
