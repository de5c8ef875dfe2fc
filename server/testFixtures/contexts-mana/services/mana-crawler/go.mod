module github.com/mana/mana/services/mana-crawler

go 1.22

require golang.org/x/net v0.27.0
