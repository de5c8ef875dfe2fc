module github.com/acme/accounts

go 1.22
