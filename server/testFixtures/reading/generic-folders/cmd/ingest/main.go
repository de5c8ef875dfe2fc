// Command ingest pulls tiles from the upstream provider and stores them.
package main

import (
	"log"
	"net/http"

	"github.com/atlas/atlas/internal/httpx"
)

const maxTileBytes = 512 << 10

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", httpx.OK)
	log.Fatal(http.ListenAndServe(":4320", mux))
}
