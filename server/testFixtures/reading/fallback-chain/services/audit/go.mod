module github.com/boxoffice/audit

go 1.22
