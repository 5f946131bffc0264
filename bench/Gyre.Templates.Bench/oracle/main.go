// Command gotemplate-oracle renders Go text/template templates with the Sprig v3
// function library and, optionally, Helm-like extra functions, so that another
// implementation of the same engine can be diffed against it.
//
// Protocol: one JSON request on stdin, one JSON response (one line) on stdout.
//
//	request:  {"templates": {"name": "text", ...}, "entry": "name",
//	           "data": <any JSON>, "helm": true|false, ...optional fields...}
//	response: {"output": "...", "error": "...", "helmError": "..."}
//
// See README.md next to this file for every field and for what differs from a
// real Helm installation.
//
// Helm strict mode: `helm lint --strict` (Engine.Strict) makes Helm parse its
// templates with Option("missingkey=error") instead of "missingkey=zero", so a
// missing map key is an execution error ("map has no entry for key ...")
// instead of rendering as "<no value>" (which plain Helm then deletes from the
// output), and the same option is re-applied to the clone that `tpl` uses.
// Set "strict": true in a helm request to get that behaviour here. Helm's
// lint mode (where `required` only logs) is not modelled.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/template"
	"time"
	_ "time/tzdata" // so that "tz" works even without system zoneinfo

	"github.com/BurntSushi/toml"
	"github.com/Masterminds/sprig/v3"
	yamlv3 "gopkg.in/yaml.v3"
	"sigs.k8s.io/yaml"
)

// rootName is the name of the (empty) root template that all named templates
// are associated with. Helm uses the same name, and `tpl` parses its string
// under it, so it shows up in error messages ("template: gotpl:1:...").
const rootName = "gotpl"

// Helm marks the message of `required` with these delimiters so that its
// error cleanup can pull the message out of text/template's error chain.
const (
	errStart = "HELM_ERR_START"
	errEnd   = "HELM_ERR_END"
)

var errMarked = regexp.MustCompile(errStart + `((?s).*)` + errEnd)

// includeDepthLimit is how many nested calls of one name `include` allows
// before it gives up (Helm uses the same bound).
const includeDepthLimit = 1000

type request struct {
	Templates map[string]string `json:"templates"`
	Entry     string            `json:"entry"`
	Data      json.RawMessage   `json:"data"`
	// YamlData, when set, replaces Data: the YAML text is decoded the way Helm
	// reads values files (sigs.k8s.io/yaml: YAML -> JSON -> encoding/json).
	YamlData *string `json:"yamlData"`
	// ValuesYaml, when set, is decoded like YamlData into a map and stored as
	// the "Values" key of the data object (data must be an object or absent).
	ValuesYaml *string `json:"valuesYaml"`
	Helm       bool    `json:"helm"`
	// Strict (helm only) uses missingkey=error as `helm lint --strict` does.
	Strict bool `json:"strict"`
	// KeepNoValue (helm only) skips Helm's removal of "<no value>" from the
	// final output and from tpl results.
	KeepNoValue bool `json:"keepNoValue"`
	// Options are extra text/template options applied after the defaults,
	// e.g. ["missingkey=error"].
	Options []string `json:"options"`
	// Numbers chooses how JSON numbers in "data" are decoded: "float64"
	// (default, plain encoding/json), "int" or "int64" (integer literals that
	// fit become int / int64, everything else float64).
	Numbers string `json:"numbers"`
	// TZ is the time zone used as time.Local (default "UTC").
	TZ *string `json:"tz"`
}

type response struct {
	Output    string `json:"output"`
	Error     string `json:"error"`
	HelmError string `json:"helmError,omitempty"`
}

func main() {
	pretty := flag.Bool("pretty", false, "indent the JSON response")
	bench := flag.Int("bench", 0, "Gyre bench mode: render the request this many times and print timings")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: gotemplate-oracle [-pretty] < request.json > response.json")
		flag.PrintDefaults()
	}
	flag.Parse()

	in, err := io.ReadAll(os.Stdin)
	if *bench > 0 {
		runBench(in, *bench)
		return
	}
	var resp response
	if err != nil {
		resp.Error = "request: reading stdin: " + err.Error()
	} else {
		resp = handle(in)
	}

	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if *pretty {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(resp); err != nil {
		fmt.Fprintln(os.Stderr, "gotemplate-oracle: writing response:", err)
		os.Exit(1)
	}
}

func handle(in []byte) (resp response) {
	var req request
	if err := json.Unmarshal(in, &req); err != nil {
		resp.Error = "request: invalid JSON: " + err.Error()
		return
	}

	switch req.Numbers {
	case "", "float64", "int", "int64":
	default:
		resp.Error = fmt.Sprintf("request: unknown numbers mode %q (want float64, int or int64)", req.Numbers)
		return
	}

	tz := "UTC"
	if req.TZ != nil {
		tz = *req.TZ
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		resp.Error = "request: tz: " + err.Error()
		return
	}
	time.Local = loc

	data, err := buildData(&req)
	if err != nil {
		resp.Error = "request: " + err.Error()
		return
	}

	entry := req.Entry
	if entry == "" {
		if len(req.Templates) != 1 {
			resp.Error = "request: \"entry\" is required when there is not exactly one template"
			return
		}
		for name := range req.Templates {
			entry = name
		}
	}

	// A panic outside of a template function call (text/template turns those
	// into errors itself) should still produce a response; Helm wraps such a
	// panic the same way.
	defer func() {
		if r := recover(); r != nil {
			resp = response{Error: fmt.Sprintf("rendering template failed: %v", r)}
		}
	}()

	if req.Helm {
		return renderHelm(&req, entry, data)
	}
	return renderPlain(&req, entry, data)
}

// buildData produces the value passed as dot to the entry template.
func buildData(req *request) (interface{}, error) {
	var data interface{}
	switch {
	case req.YamlData != nil:
		if err := yaml.Unmarshal([]byte(*req.YamlData), &data); err != nil {
			return nil, fmt.Errorf("yamlData: %v", err)
		}
	case len(req.Data) > 0:
		var err error
		data, err = decodeJSONData(req.Data, req.Numbers)
		if err != nil {
			return nil, fmt.Errorf("data: %v", err)
		}
	}

	if req.ValuesYaml != nil {
		// Same call Helm makes for a values file: into a map, all numbers
		// float64 (YAML -> JSON -> encoding/json without UseNumber).
		values := map[string]interface{}{}
		if err := yaml.Unmarshal([]byte(*req.ValuesYaml), &values); err != nil {
			return nil, fmt.Errorf("valuesYaml: %v", err)
		}
		switch d := data.(type) {
		case nil:
			data = map[string]interface{}{"Values": values}
		case map[string]interface{}:
			d["Values"] = values
		default:
			return nil, fmt.Errorf("valuesYaml needs \"data\" to be an object or absent, got %T", data)
		}
	}
	return data, nil
}

func decodeJSONData(raw json.RawMessage, mode string) (interface{}, error) {
	var v interface{}
	switch mode {
	case "", "float64":
		// encoding/json default: every number is float64.
		if err := json.Unmarshal(raw, &v); err != nil {
			return nil, err
		}
		return v, nil
	case "int", "int64":
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		return convertNumbers(v, mode)
	default:
		return nil, fmt.Errorf("unknown numbers mode %q", mode)
	}
}

func convertNumbers(v interface{}, mode string) (interface{}, error) {
	switch x := v.(type) {
	case map[string]interface{}:
		for k, e := range x {
			c, err := convertNumbers(e, mode)
			if err != nil {
				return nil, err
			}
			x[k] = c
		}
		return x, nil
	case []interface{}:
		for i, e := range x {
			c, err := convertNumbers(e, mode)
			if err != nil {
				return nil, err
			}
			x[i] = c
		}
		return x, nil
	case json.Number:
		s := string(x)
		if !strings.ContainsAny(s, ".eE") {
			if i, err := strconv.ParseInt(s, 10, 64); err == nil {
				if mode == "int64" {
					return i, nil
				}
				if int64(int(i)) == i {
					return int(i), nil
				}
			}
		}
		return x.Float64()
	default:
		return v, nil
	}
}

// sortedNames gives the order in which templates are parsed. The order only
// matters when two templates define the same name (the last parse wins).
func sortedNames(templates map[string]string, helm bool) []string {
	names := make([]string, 0, len(templates))
	for n := range templates {
		names = append(names, n)
	}
	if !helm {
		sort.Strings(names)
		return names
	}
	// Helm's order: more path separators first; equal depth in descending
	// lexical order.
	sort.Slice(names, func(i, j int) bool {
		di, dj := strings.Count(names[i], "/"), strings.Count(names[j], "/")
		if di != dj {
			return di > dj
		}
		return names[i] > names[j]
	})
	return names
}

func parseAll(root *template.Template, req *request) (string, error) {
	for _, name := range sortedNames(req.Templates, req.Helm) {
		if _, err := root.New(name).Parse(req.Templates[name]); err != nil {
			return name, err
		}
	}
	return "", nil
}

func applyOptions(t *template.Template, opts []string) (err error) {
	// Option panics on an unknown option; report that as a request error.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	for _, o := range opts {
		t.Option(o)
	}
	return nil
}

func renderPlain(req *request, entry string, data interface{}) response {
	root := template.New(rootName).Funcs(sprig.TxtFuncMap())
	if err := applyOptions(root, req.Options); err != nil {
		return response{Error: "request: options: " + err.Error()}
	}
	if _, err := parseAll(root, req); err != nil {
		return response{Error: err.Error()}
	}
	var buf strings.Builder
	if err := root.ExecuteTemplate(&buf, entry, data); err != nil {
		return response{Error: err.Error()}
	}
	return response{Output: buf.String()}
}

// helmEngine holds what the late-bound functions (include, tpl) close over.
type helmEngine struct {
	strict      bool
	keepNoValue bool
	depth       map[string]int
}

func (e *helmEngine) missingKeyOption() string {
	if e.strict {
		return "missingkey=error"
	}
	return "missingkey=zero"
}

func (e *helmEngine) stripNoValue(s string) string {
	if e.keepNoValue {
		return s
	}
	// Helm's workaround: with missingkey=zero a missing key of a
	// map[string]interface{} still prints "<no value>", so Helm deletes that
	// text from every rendered file (and from tpl results).
	return strings.ReplaceAll(s, "<no value>", "")
}

// includeFor returns an `include` bound to the template set t.
func (e *helmEngine) includeFor(t *template.Template) func(string, interface{}) (string, error) {
	return func(name string, data interface{}) (string, error) {
		if e.depth[name] > includeDepthLimit {
			return "", fmt.Errorf("rendering template has a nested reference name: %s: unable to execute template", name)
		}
		e.depth[name]++
		defer func() { e.depth[name]-- }()
		var sb strings.Builder
		err := t.ExecuteTemplate(&sb, name, data)
		return sb.String(), err
	}
}

// tplFor returns a `tpl` that parses its string in a clone of t, so the string
// can use every named template of the set and may define new ones.
func (e *helmEngine) tplFor(t *template.Template) func(string, interface{}) (string, error) {
	return func(text string, data interface{}) (string, error) {
		clone, err := t.Clone()
		if err != nil {
			return "", fmt.Errorf("cannot clone template: %w", err)
		}
		// Options are not reliably carried over by Clone (golang/go#43022),
		// so set missingkey again, then rebind include/tpl to the clone.
		clone.Option(e.missingKeyOption())
		clone.Funcs(template.FuncMap{
			"include": e.includeFor(clone),
			"tpl":     e.tplFor(clone),
		})
		parsed, err := clone.New(t.Name()).Parse(text)
		if err != nil {
			return "", fmt.Errorf("cannot parse template %q: %w", text, err)
		}
		var sb strings.Builder
		if err := parsed.Execute(&sb, data); err != nil {
			return "", fmt.Errorf("error during tpl function execution for %q: %w", text, err)
		}
		return e.stripNoValue(sb.String()), nil
	}
}

// required fails when val is nil or the empty string. Like Helm, the message
// goes through a Printf-style formatter (so a literal % in it is mangled the
// same way) and is wrapped in markers that the error cleanup extracts.
func required(msg string, val interface{}) (interface{}, error) {
	if val == nil {
		return val, fmt.Errorf(errStart + msg + errEnd)
	}
	if s, ok := val.(string); ok && s == "" {
		return val, fmt.Errorf(errStart + msg + errEnd)
	}
	return val, nil
}

func helmFuncs() template.FuncMap {
	f := sprig.TxtFuncMap()
	// Helm removes the two functions that read the environment.
	delete(f, "env")
	delete(f, "expandenv")

	f["toYaml"] = toYAML
	f["mustToYaml"] = mustToYAML
	f["toYamlPretty"] = toYAMLPretty
	f["fromYaml"] = fromYAML
	f["fromYamlArray"] = fromYAMLArray
	f["toJson"] = toJSON
	f["fromJson"] = fromJSON
	f["fromJsonArray"] = fromJSONArray
	f["toToml"] = toTOML
	f["fromToml"] = fromTOML
	f["required"] = required
	// `helm template` / a render without a cluster connection: lookup finds
	// nothing and yields an empty map.
	f["lookup"] = func(apiVersion, kind, namespace, name string) (map[string]interface{}, error) {
		return map[string]interface{}{}, nil
	}
	// include and tpl are replaced by bound versions once the set exists;
	// these placeholders only make the names known to the parser.
	f["include"] = func(string, interface{}) (string, error) { return "", errors.New("include not bound") }
	f["tpl"] = func(string, interface{}) (string, error) { return "", errors.New("tpl not bound") }
	return f
}

func renderHelm(req *request, entry string, data interface{}) response {
	e := &helmEngine{strict: req.Strict, keepNoValue: req.KeepNoValue, depth: map[string]int{}}
	root := template.New(rootName)
	root.Option(e.missingKeyOption())
	if err := applyOptions(root, req.Options); err != nil {
		return response{Error: "request: options: " + err.Error()}
	}
	root.Funcs(helmFuncs())
	root.Funcs(template.FuncMap{"include": e.includeFor(root), "tpl": e.tplFor(root)})

	if name, err := parseAll(root, req); err != nil {
		return response{Error: err.Error(), HelmError: helmParseError(name, err)}
	}
	var buf strings.Builder
	if err := root.ExecuteTemplate(&buf, entry, data); err != nil {
		return response{Error: err.Error(), HelmError: helmExecError(entry, err)}
	}
	return response{Output: e.stripNoValue(buf.String())}
}

// helmParseError reshapes a parse error the way Helm 3 reports it:
// "parse error at (<file:line>): <last part of the message>".
func helmParseError(name string, err error) string {
	parts := strings.Split(err.Error(), ": ")
	if len(parts) == 1 {
		return fmt.Sprintf("parse error in (%s): %s", name, err)
	}
	return fmt.Sprintf("parse error at (%s): %s", parts[1], parts[len(parts)-1])
}

// helmExecError reshapes an execution error the way Helm 3 (classic error
// cleanup, before the multi-line traces of newer releases) reports it: a
// `required` message becomes "execution error at (<file:line:col>): <msg>";
// any other template error is passed through unchanged.
func helmExecError(name string, err error) string {
	if _, ok := err.(template.ExecError); !ok {
		return err.Error()
	}
	parts := strings.SplitN(err.Error(), ": ", 3)
	if len(parts) != 3 {
		return fmt.Sprintf("execution error in (%s): %s", name, err)
	}
	if m := errMarked.FindStringSubmatch(parts[2]); len(m) >= 2 {
		return fmt.Sprintf("execution error at (%s): %s", parts[1], m[1])
	}
	return err.Error()
}

// toYAML: sigs.k8s.io/yaml (JSON tags, sorted keys), trailing newline removed,
// errors swallowed into "".
func toYAML(v interface{}) string {
	out, err := yaml.Marshal(v)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(string(out), "\n")
}

// mustToYAML is toYAML that fails the template on a marshalling error.
func mustToYAML(v interface{}) string {
	out, err := yaml.Marshal(v)
	if err != nil {
		panic(err) // text/template turns this into "error calling mustToYaml: ..."
	}
	return strings.TrimSuffix(string(out), "\n")
}

// toYAMLPretty: yaml.v3 encoder with 2-space indentation (sequences indented
// under their key), errors swallowed into "".
func toYAMLPretty(v interface{}) string {
	var buf bytes.Buffer
	enc := yamlv3.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return ""
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

// fromYAML decodes a YAML mapping; on failure the map holds only "Error".
func fromYAML(s string) map[string]interface{} {
	m := map[string]interface{}{}
	if err := yaml.Unmarshal([]byte(s), &m); err != nil {
		m["Error"] = err.Error()
	}
	return m
}

// fromYAMLArray decodes a YAML sequence; on failure the list holds only the
// error message.
func fromYAMLArray(s string) []interface{} {
	a := []interface{}{}
	if err := yaml.Unmarshal([]byte(s), &a); err != nil {
		return []interface{}{err.Error()}
	}
	return a
}

// toJSON: encoding/json (HTML-escaping on), errors swallowed into "".
func toJSON(v interface{}) string {
	out, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(out)
}

func fromJSON(s string) map[string]interface{} {
	m := map[string]interface{}{}
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		m["Error"] = err.Error()
	}
	return m
}

func fromJSONArray(s string) []interface{} {
	a := []interface{}{}
	if err := json.Unmarshal([]byte(s), &a); err != nil {
		return []interface{}{err.Error()}
	}
	return a
}

// toTOML: BurntSushi/toml encoder; on failure the error text is the result.
func toTOML(v interface{}) string {
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(v); err != nil {
		return err.Error()
	}
	return buf.String()
}

func fromTOML(s string) map[string]interface{} {
	m := map[string]interface{}{}
	if err := toml.Unmarshal([]byte(s), &m); err != nil {
		m["Error"] = err.Error()
	}
	return m
}


// runBench (added for Gyre's benchmark) times a helm-mode request: parse+render per iteration, and render only
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
