module github.com/bootlog/bootlog/docs/screens/ansisvg

go 1.26.8
