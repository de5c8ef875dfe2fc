// Command server runs mana-notify: e-mail, web push and Matrix notifications.
package main

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/mana/mana/packages/shared-go/envutil"
)

type notification struct {
	UserID  string `json:"userId"`
	Channel string `json:"channel"`
	Body    string `json:"body"`
}

func main() {
	port := envutil.Get("PORT", "3040")
	syncURL := envutil.Get("MANA_SYNC_URL", "http://localhost:3050")
	smtpURL := envutil.Get("SMTP_URL", "smtp://localhost:1025")
	batch := envutil.Count("NOTIFY_BATCH_SIZE", 100)
	retry := envutil.Duration("NOTIFY_RETRY_AFTER", 45*time.Second)

	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	mux.HandleFunc("POST /v1/notify", func(w http.ResponseWriter, r *http.Request) {
		var n notification
		if err := json.NewDecoder(r.Body).Decode(&n); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.WriteHeader(http.StatusAccepted)
	})
	slog.Info("mana-notify listening", "port", port, "sync", syncURL, "smtp", smtpURL, "batch", batch, "retry", retry)
	srv := &http.Server{Addr: ":" + port, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	if err := srv.ListenAndServe(); err != nil {
		slog.Error("server stopped", "err", err)
		os.Exit(1)
	}
}
