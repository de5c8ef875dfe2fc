package main

import (
	"fmt"
	"log"
	"net/http"

	"github.com/acme/ledger/internal/config"
)

func main() {
	cfg := config.Load()
	log.Fatal(http.ListenAndServe(fmt.Sprintf(":%d", cfg.Port), nil))
}
