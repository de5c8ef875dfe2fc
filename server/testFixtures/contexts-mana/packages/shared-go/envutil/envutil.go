// Package envutil reads configuration from the environment with defaults.
package envutil

import (
	"os"
	"strconv"
	"time"
)

// Get returns the variable's value, or fallback when it is unset or empty.
func Get(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

// Duration parses a Go duration ("15s"), or returns fallback.
func Duration(key string, fallback time.Duration) time.Duration {
	if d, err := time.ParseDuration(os.Getenv(key)); err == nil {
		return d
	}
	return fallback
}

// Count parses a non-negative integer such as a batch size, or returns fallback.
func Count(key string, fallback int) int {
	if n, err := strconv.Atoi(os.Getenv(key)); err == nil && n >= 0 {
		return n
	}
	return fallback
}
