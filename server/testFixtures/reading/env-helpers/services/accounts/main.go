package main

import (
	"log"
	"net/http"
	"os"
	"strconv"
)

func getEnvAsInt(name string, fallback int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return n
	}
	return fallback
}

func main() {
	port := getEnvAsInt("HTTP_PORT", 4032)
	maxIdle := getEnvAsInt("MAX_IDLE_CONNS", 100)
	http.DefaultTransport.(*http.Transport).MaxIdleConns = maxIdle
	log.Fatal(http.ListenAndServe(":"+strconv.Itoa(port), nil))
}
