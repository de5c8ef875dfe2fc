// alert-notifier: receives Alertmanager webhooks and posts them to a Matrix room.
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
)

type alertGroup struct {
	Status string `json:"status"`
	Alerts []struct {
		Labels      map[string]string `json:"labels"`
		Annotations map[string]string `json:"annotations"`
	} `json:"alerts"`
}

func getEnv(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

func main() {
	port := getEnv("PORT", "9093")
	homeserver := getEnv("MATRIX_HOMESERVER", "https://matrix.mana.how")
	room := getEnv("MATRIX_ROOM", "!alerts:mana.how")

	http.HandleFunc("/webhook", func(w http.ResponseWriter, r *http.Request) {
		var g alertGroup
		if err := json.NewDecoder(r.Body).Decode(&g); err != nil {
			http.Error(w, "bad payload", http.StatusBadRequest)
			return
		}
		log.Printf("%s: %d alerts -> %s on %s", g.Status, len(g.Alerts), room, homeserver)
		w.WriteHeader(http.StatusNoContent)
	})
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
