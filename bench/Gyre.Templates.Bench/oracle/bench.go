// bench.go: Gyre's benchmark mode for the gotemplate oracle, compiled beside the test suite's copy of the oracle
// (tests/Gyre.Templates.Tests/testdata/oracle/main.go) so that copy stays identical to shared/oracles/gotemplate.
// `gotemplate-oracle -bench N < request.json` renders the request N times and prints timings instead of a response.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/template"
	"time"
)

// init runs before main's flag parsing, so the oracle's own flags and behaviour stay untouched.
func init() {
	for i, arg := range os.Args {
		if arg != "-bench" || i+1 >= len(os.Args) {
			continue
		}
		n, err := strconv.Atoi(os.Args[i+1])
		if err != nil || n <= 0 {
			fmt.Fprintln(os.Stderr, "-bench needs a positive iteration count")
			os.Exit(2)
		}
		in, err := io.ReadAll(os.Stdin)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		runBench(in, n)
		os.Exit(0)
	}
}

// runBench times a helm-mode request: parse+render per iteration, and render only
// on a set parsed once. Output: one JSON line with nanoseconds per operation.
func runBench(in []byte, n int) {
	var req request
	if err := json.Unmarshal(in, &req); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	data, err := buildData(&req)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	setup := func() (*helmEngine, *template.Template) {
		e := &helmEngine{strict: req.Strict, keepNoValue: req.KeepNoValue, depth: map[string]int{}}
		root := template.New(rootName)
		root.Option(e.missingKeyOption())
		root.Funcs(helmFuncs())
		root.Funcs(template.FuncMap{"include": e.includeFor(root), "tpl": e.tplFor(root)})
		if _, err := parseAll(root, &req); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		return e, root
	}
	render := func(e *helmEngine, root *template.Template) int {
		var buf strings.Builder
		if err := root.ExecuteTemplate(&buf, req.Entry, data); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		return len(e.stripNoValue(buf.String()))
	}
	e, root := setup()
	size := render(e, root)
	for i := 0; i < n/10+1; i++ { // warm-up
		render(e, root)
	}
	start := time.Now()
	for i := 0; i < n; i++ {
		e, root := setup()
		render(e, root)
	}
	parseRender := time.Since(start)
	start = time.Now()
	for i := 0; i < n; i++ {
		render(e, root)
	}
	renderOnly := time.Since(start)
	fmt.Printf("{\"iterations\":%d,\"outputBytes\":%d,\"parseRenderNsPerOp\":%d,\"renderNsPerOp\":%d}\n",
		n, size, parseRender.Nanoseconds()/int64(n), renderOnly.Nanoseconds()/int64(n))
}
