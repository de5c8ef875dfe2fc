"""Probe the crawl queue and the results database from a laptop (SSH tunnel first)."""
import psycopg
import redis

QUEUE = redis.Redis(host="localhost", port=6380, db=2)
DB = psycopg.connect(host="localhost", port=5433, dbname="crawlkit", connect_timeout=5)

print("queued:", QUEUE.llen("crawl:pending"))
