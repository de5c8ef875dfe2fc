module github.com/mana/mana/services/mana-search

go 1.22
