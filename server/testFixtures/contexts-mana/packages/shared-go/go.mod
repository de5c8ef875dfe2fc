module github.com/mana/mana/packages/shared-go

go 1.22
