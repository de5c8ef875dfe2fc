package main

import (
	"flag"
	"log"
	"net/http"
)

func main() {
	listen := flag.String("listen", ":8010", "address to listen on")
	flag.Parse()
	log.Fatal(http.ListenAndServe(*listen, nil))
}
