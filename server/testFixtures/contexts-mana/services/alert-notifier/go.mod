module github.com/mana/mana/services/alert-notifier

go 1.22

require maunium.net/go/mautrix v0.19.0
