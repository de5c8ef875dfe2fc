package main

import (
	"log"
	"net/http"
	"os"
)

func main() {
	addr := ":7320"
	if v := os.Getenv("REPORTS_ADDR"); v != "" {
		addr = v
	}
	http.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	log.Fatal(http.ListenAndServe(addr, nil))
}
