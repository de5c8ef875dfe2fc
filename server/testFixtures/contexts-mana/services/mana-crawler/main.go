// mana-crawler: fetches pages, extracts readable content. Scaffolded from mana-search.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
	"strconv"
	"time"
)

const userAgent = "mana-crawler/1.4 (+https://mana.how/bot)"

func getEnv(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

func main() {
	port := getEnv("PORT", "3021")
	searchURL := getEnv("MANA_SEARCH_URL", "http://localhost:3021")
	concurrency, _ := strconv.Atoi(getEnv("CRAWL_CONCURRENCY", "4"))
	maxDepth := 3
	client := &http.Client{Timeout: 15 * time.Second}

	http.HandleFunc("/health", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	http.HandleFunc("/v1/crawl", func(w http.ResponseWriter, r *http.Request) {
		req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, r.URL.Query().Get("url"), nil)
		req.Header.Set("User-Agent", userAgent)
		res, err := client.Do(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer res.Body.Close()
		fmt.Fprintf(w, `{"status":%d,"depth":%d}`, res.StatusCode, maxDepth)
	})
	log.Printf("mana-crawler on :%s (search %s, %d workers)", port, searchURL, concurrency)
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
