module github.com/relay/reports

go 1.22
