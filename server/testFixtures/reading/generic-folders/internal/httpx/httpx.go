// Package httpx holds small HTTP helpers shared by the commands.
package httpx

import "net/http"

// OK answers 200 with an empty body.
func OK(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) }
