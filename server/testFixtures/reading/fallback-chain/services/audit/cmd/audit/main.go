package main

import (
	"cmp"
	"log"
	"net/http"
	"os"
)

// eventsURL: the events API, directly or through the gateway.
var eventsURL = cmp.Or(os.Getenv("EVENTS_URL"), os.Getenv("GATEWAY_URL"), "http://localhost:4061")

func main() {
	addr := cmp.Or(os.Getenv("AUDIT_ADDR"), ":4063")
	http.HandleFunc("/audit", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusAccepted) })
	log.Printf("audit on %s (events at %s)", addr, eventsURL)
	log.Fatal(http.ListenAndServe(addr, nil))
}
