# Roda API. `bundle exec puma -C config/puma.rb`
port Integer(ENV["PORT"] || 3121)
threads 2, 8
workers Integer(ENV.fetch("WEB_CONCURRENCY", 0))
