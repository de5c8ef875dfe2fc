module github.com/atlas/atlas

go 1.22
