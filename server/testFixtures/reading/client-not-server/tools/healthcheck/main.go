// healthcheck: exits 0 when the shared browser answers; used by the systemd unit.
package main

import (
	"net"
	"os"
	"time"
)

func main() {
	conn, err := net.DialTimeout("tcp", "127.0.0.1:5557", 2*time.Second)
	if err != nil {
		os.Exit(1)
	}
	conn.Close()
}
