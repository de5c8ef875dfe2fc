module github.com/linkhut/api

go 1.22
