// mana-search: web search for the apps, backed by a private SearXNG instance.
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"net/url"
	"os"
	"time"
)

const (
	maxResults     = 20
	requestTimeout = 8 * time.Second
)

func getEnv(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

func main() {
	port := getEnv("PORT", "3021")
	searxng := getEnv("SEARXNG_URL", "http://localhost:8080")
	client := &http.Client{Timeout: requestTimeout}

	http.HandleFunc("/health", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	http.HandleFunc("/v1/search", func(w http.ResponseWriter, r *http.Request) {
		q := url.QueryEscape(r.URL.Query().Get("q"))
		res, err := client.Get(searxng + "/search?format=json&q=" + q)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer res.Body.Close()
		var body struct {
			Results []json.RawMessage `json:"results"`
		}
		_ = json.NewDecoder(res.Body).Decode(&body)
		if len(body.Results) > maxResults {
			body.Results = body.Results[:maxResults]
		}
		_ = json.NewEncoder(w).Encode(body)
	})
	log.Printf("mana-search on :%s (searxng %s)", port, searxng)
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
