package main

import (
	"log"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"time"

	"github.com/go-chi/chi/v5"
)

func proxyTo(env string) http.Handler {
	target, err := url.Parse(os.Getenv(env))
	if err != nil {
		log.Fatalf("%s: %v", env, err)
	}
	return httputil.NewSingleHostReverseProxy(target)
}

func main() {
	r := chi.NewRouter()
	r.Mount("/ledger", proxyTo("LEDGER_URL"))
	r.Mount("/notify", proxyTo("NOTIFY_URL"))
	r.Get("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })

	srv := &http.Server{
		Addr:              ":8080",
		Handler:           r,
		ReadHeaderTimeout: 10 * time.Second,
	}
	log.Fatal(srv.ListenAndServe())
}
