module github.com/mana/mana/services/mana-notify

go 1.22

require github.com/mana/mana/packages/shared-go v0.0.0

replace github.com/mana/mana/packages/shared-go => ../../packages/shared-go
