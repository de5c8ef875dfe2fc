module github.com/crawlkit/healthcheck

go 1.22
