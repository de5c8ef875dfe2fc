// Command server runs mana-credits: balances, top-ups and the credit ledger.
package main

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"os"
	"time"
)

type balance struct {
	UserID  string `json:"userId"`
	Credits int64  `json:"credits"`
}

func getEnv(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

func main() {
	port := getEnv("PORT", "3061")
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusOK)
	})
	mux.HandleFunc("GET /api/v1/credits/{user}", func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewEncoder(w).Encode(balance{UserID: r.PathValue("user"), Credits: 250})
	})
	srv := &http.Server{Addr: ":" + port, Handler: mux, ReadTimeout: 15 * time.Second}
	slog.Info("mana-credits listening", "port", port)
	if err := srv.ListenAndServe(); err != nil {
		slog.Error("server stopped", "err", err)
		os.Exit(1)
	}
}
