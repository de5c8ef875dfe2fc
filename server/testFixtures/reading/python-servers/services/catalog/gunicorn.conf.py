# gunicorn settings for the catalog API: `gunicorn catalog.wsgi:application`
import multiprocessing

bind = '0.0.0.0:8001'
workers = multiprocessing.cpu_count() * 2 + 1
worker_class = 'gthread'
threads = 4
timeout = 120
graceful_timeout = 30
keepalive = 5
max_requests = 1000
max_requests_jitter = 50
limit_request_line = 8190
statsd_host = 'localhost:8125'
accesslog = '-'
