module github.com/acme/shop/services/billing

go 1.22
