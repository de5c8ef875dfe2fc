module github.com/acme/shop/services/gateway

go 1.22
