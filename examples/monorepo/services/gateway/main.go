// Command gateway is the shop's public entry point: it authenticates each request
// against the auth service and forwards it to the API that owns the path.
package main

import (
	"log"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"time"
)

// routes maps a path prefix to the environment variable holding the upstream's URL.
var routes = map[string]string{
	"/auth/":    "AUTH_URL",
	"/billing/": "BILLING_URL",
	"/search/":  "SEARCH_URL",
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/health", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte("ok"))
	})
	for prefix, envName := range routes {
		upstream := os.Getenv(envName)
		if upstream == "" {
			log.Printf("gateway: %s is not set, %s is disabled", envName, prefix)
			continue
		}
		target, err := url.Parse(upstream)
		if err != nil {
			log.Fatalf("gateway: %s=%q is not a URL: %v", envName, upstream, err)
		}
		mux.Handle(prefix, httputil.NewSingleHostReverseProxy(target))
	}

	// Inside the container; docker-compose.yml publishes it on 4100.
	srv := &http.Server{
		Addr:              ":8080",
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		MaxHeaderBytes:    1 << 20,
	}
	log.Printf("gateway listening on %s", srv.Addr)
	log.Fatal(srv.ListenAndServe())
}
