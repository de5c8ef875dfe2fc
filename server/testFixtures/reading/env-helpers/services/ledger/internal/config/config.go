// Package config reads the ledger's settings from the environment.
package config

import (
	"os"
	"strconv"
)

// GetInt returns the integer in the environment variable key, or def.
func GetInt(key string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(key)); err == nil {
		return v
	}
	return def
}

type Config struct {
	Port           int
	ReadTimeoutSec int
	MaxBodyBytes   int
}

func Load() Config {
	return Config{
		Port:           GetInt("PORT", 4030),
		ReadTimeoutSec: GetInt("READ_TIMEOUT_SECONDS", 15),
		MaxBodyBytes:   GetInt("MAX_BODY_BYTES", 1048576),
	}
}
