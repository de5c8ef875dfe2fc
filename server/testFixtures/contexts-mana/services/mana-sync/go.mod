module github.com/mana/mana/services/mana-sync

go 1.22

require github.com/coder/websocket v1.8.12
