// Command billing issues invoices and receives the payment provider's webhooks.
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
	"sync"
	"time"
)

type invoice struct {
	ID        string    `json:"id"`
	Customer  string    `json:"customer"`
	AmountEUR int       `json:"amountCents"`
	IssuedAt  time.Time `json:"issuedAt"`
}

type store struct {
	mu       sync.Mutex
	invoices []invoice
}

func (s *store) handleInvoices(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch r.Method {
	case http.MethodGet:
		_ = json.NewEncoder(w).Encode(s.invoices)
	case http.MethodPost:
		var inv invoice
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10)).Decode(&inv); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		inv.IssuedAt = time.Now().UTC()
		s.invoices = append(s.invoices, inv)
		w.WriteHeader(http.StatusCreated)
	default:
		w.WriteHeader(http.StatusMethodNotAllowed)
	}
}

// getEnv returns the variable's value, or fallback when it is unset.
func getEnv(key, fallback string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return fallback
}

func main() {
	port := getEnv("PORT", "4105")
	s := &store{}
	http.HandleFunc("/invoices", s.handleInvoices)
	http.HandleFunc("/health", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	log.Printf("billing listening on :%s", port)
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
