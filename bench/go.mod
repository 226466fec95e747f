module github.com/tiptapmd/tiptapmd/bench

go 1.26.0

require (
	github.com/JohannesKaufmann/html-to-markdown/v2 v2.5.2
	github.com/stretchr/testify v1.12.1
	github.com/tiptapmd/tiptapmd v0.0.0
	github.com/yuin/goldmark v1.8.7
	go.yaml.in/yaml/v3 v3.0.6
	golang.org/x/net v0.62.0
	golang.org/x/tools v0.52.0
)

require (
	github.com/JohannesKaufmann/dom v0.3.1 // indirect
	golang.org/x/text v0.43.0 // indirect
)

// The benchmarks measure the library of the repository they sit in.
replace github.com/tiptapmd/tiptapmd => ../
