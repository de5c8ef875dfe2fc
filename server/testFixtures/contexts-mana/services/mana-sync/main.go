// mana-sync: local-first sync over WebSocket plus a small HTTP API.
package main

import (
	"log"
	"net/http"
	"os"
	"time"
)

const maxMessageBytes = 1 << 20

func getEnv(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

func main() {
	port := getEnv("PORT", "3050")
	hub := newHub()
	go hub.run(30 * time.Second)
	http.HandleFunc("/ws", hub.serveWS)
	http.HandleFunc("/health", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	http.HandleFunc("/metrics", hub.metrics)
	log.Printf("mana-sync listening on :%s", port)
	log.Fatal(http.ListenAndServe(":"+port, nil))
}

type hub struct{ clients map[*http.Request]bool }

func newHub() *hub { return &hub{clients: map[*http.Request]bool{}} }

func (h *hub) run(ping time.Duration) {
	for range time.Tick(ping) {
		log.Printf("mana-sync: %d clients", len(h.clients))
	}
}

func (h *hub) serveWS(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxMessageBytes)
	http.Error(w, "upgrade required", http.StatusUpgradeRequired)
}

func (h *hub) metrics(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4")
	_, _ = w.Write([]byte("mana_sync_clients 0\n"))
}
