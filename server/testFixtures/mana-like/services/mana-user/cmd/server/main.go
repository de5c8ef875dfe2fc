// Command server runs mana-user: profiles and per-user settings.
package main

import (
	"log"
	"net/http"
	"os"
)

func getEnv(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

func main() {
	port := getEnv("PORT", "3062")
	http.HandleFunc("/health", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	http.HandleFunc("/api/v1/users/me", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		_, _ = w.Write([]byte(`{"name":"demo"}`))
	})
	log.Printf("mana-user on :%s", port)
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
