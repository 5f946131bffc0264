// Oracle for Gyre's SOPS golden files: decrypts a sops YAML or JSON file with a known data key and prints the
// plaintext the way sops's stores do (real gopkg.in/yaml.v3 from Debian's golang-gopkg-yaml.v3-dev with
// SetIndent(4); encoding/json + json.Indent with tabs). It follows sops's store code (tree of items, comments as
// items, appendTreeBranch) but shares nothing with Gyre. Usage: oracle <yaml|json> <file> <datakey-hex>, or oracle yaml-plain <file> -
package main

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

type comment struct{ Value string }
type item struct {
	Key   interface{}
	Value interface{}
}
type branch []item

var encRe = regexp.MustCompile(`^ENC\[AES256_GCM,data:(.+),iv:(.+),tag:(.+),type:(.+)\]`)
var key []byte

func decrypt(s string, aad string) (interface{}, bool) {
	m := encRe.FindStringSubmatch(s)
	if m == nil {
		return nil, false
	}
	data, _ := base64.StdEncoding.DecodeString(m[1])
	iv, _ := base64.StdEncoding.DecodeString(m[2])
	tag, _ := base64.StdEncoding.DecodeString(m[3])
	block, _ := aes.NewCipher(key)
	gcm, _ := cipher.NewGCMWithNonceSize(block, len(iv))
	plain, err := gcm.Open(nil, iv, append(data, tag...), []byte(aad))
	if err != nil {
		panic("decrypt failed at " + aad)
	}
	p := string(plain)
	switch m[4] {
	case "str":
		return p, true
	case "int":
		i, _ := strconv.Atoi(p)
		return i, true
	case "float":
		f, _ := strconv.ParseFloat(p, 64)
		return f, true
	case "bool":
		b, _ := strconv.ParseBool(p)
		return b, true
	case "comment":
		return comment{p}, true
	}
	panic("type " + m[4])
}

// walk mirrors sops's Tree.Decrypt: everything that is ENC[...] is decrypted with its path as AAD.
func walk(v interface{}, path []string) interface{} {
	aad := strings.Join(path, ":") + ":"
	switch v := v.(type) {
	case branch:
		for i := range v {
			if c, ok := v[i].Key.(comment); ok {
				if d, ok := decrypt(c.Value, aad); ok {
					v[i].Key = d
				}
				continue
			}
			v[i].Value = walk(v[i].Value, append(append([]string{}, path...), v[i].Key.(string)))
		}
		return v
	case []interface{}:
		for i := range v {
			v[i] = walk(v[i], path)
		}
		return v
	case comment:
		if d, ok := decrypt(v.Value, aad); ok {
			return d
		}
		return v
	case string:
		if d, ok := decrypt(v, aad); ok {
			return d
		}
		return v
	}
	return v
}

// ---- YAML store (as sops stores/yaml) ----

func commentsToList(c string, list []interface{}) []interface{} {
	for _, l := range strings.Split(c, "\n") {
		if l != "" {
			list = append(list, comment{l[1:]})
		}
	}
	return list
}

func commentsToMap(c string, b branch) branch {
	for _, l := range strings.Split(c, "\n") {
		if l != "" {
			b = append(b, item{Key: comment{l[1:]}})
		}
	}
	return b
}

func nodeToValue(n *yaml.Node, handled bool) interface{} {
	switch n.Kind {
	case yaml.SequenceNode:
		var r []interface{}
		if !handled {
			r = commentsToList(n.HeadComment, r)
			r = commentsToList(n.LineComment, r)
		}
		for _, it := range n.Content {
			r = commentsToList(it.HeadComment, r)
			r = commentsToList(it.LineComment, r)
			r = append(r, nodeToValue(it, true))
			r = commentsToList(it.FootComment, r)
		}
		if !handled {
			r = commentsToList(n.FootComment, r)
		}
		return r
	case yaml.MappingNode:
		return appendNode(n, branch{}, handled)
	case yaml.ScalarNode:
		var r interface{}
		n.Decode(&r)
		return r
	case yaml.AliasNode:
		return nodeToValue(n.Alias, false)
	}
	return nil
}

func appendNode(n *yaml.Node, b branch, handled bool) branch {
	if !handled {
		b = commentsToMap(n.HeadComment, b)
		b = commentsToMap(n.LineComment, b)
	}
	switch n.Kind {
	case yaml.DocumentNode:
		for _, it := range n.Content {
			b = appendNode(it, b, false)
		}
	case yaml.MappingNode:
		for i := 0; i < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			b = commentsToMap(k.HeadComment, b)
			b = commentsToMap(k.LineComment, b)
			hv := v.Kind == yaml.ScalarNode || v.Kind == yaml.AliasNode
			if hv {
				b = commentsToMap(v.HeadComment, b)
				b = commentsToMap(v.LineComment, b)
			}
			var kv interface{}
			k.Decode(&kv)
			b = append(b, item{Key: kv, Value: nodeToValue(v, hv)})
			if hv {
				b = commentsToMap(v.FootComment, b)
			}
			b = commentsToMap(k.FootComment, b)
		}
	case yaml.AliasNode:
		b = appendNode(n.Alias, b, false)
	}
	if !handled {
		b = commentsToMap(n.FootComment, b)
	}
	return b
}

func addHead(n *yaml.Node, cs []string) []string {
	if len(cs) > 0 {
		c := "#" + strings.Join(cs, "\n#")
		if len(n.HeadComment) > 0 {
			n.HeadComment = c + "\n" + n.HeadComment
		} else {
			n.HeadComment = c
		}
	}
	return nil
}

func addFoot(n *yaml.Node, cs []string) []string {
	if len(cs) > 0 {
		c := "#" + strings.Join(cs, "\n#")
		if len(n.FootComment) > 0 {
			n.FootComment += "\n" + c
		} else {
			n.FootComment = c
		}
	}
	return nil
}

func valueToNode(v interface{}) *yaml.Node {
	switch v := v.(type) {
	case branch:
		m := &yaml.Node{Kind: yaml.MappingNode}
		appendBranch(v, m)
		return m
	case []interface{}:
		s := &yaml.Node{Kind: yaml.SequenceNode}
		var cs []string
		beginning := true
		for _, it := range v {
			if c, ok := it.(comment); ok {
				cs = append(cs, c.Value)
				continue
			}
			if beginning {
				cs = addHead(s, cs)
				beginning = false
			}
			n := valueToNode(it)
			cs = addHead(n, cs)
			s.Content = append(s.Content, n)
		}
		if len(cs) > 0 {
			if beginning {
				addHead(s, cs)
			} else {
				addFoot(s.Content[len(s.Content)-1], cs)
			}
		}
		return s
	default:
		n := &yaml.Node{}
		n.Encode(v)
		return n
	}
}

func appendBranch(b branch, m *yaml.Node) {
	var cs []string
	beginning := true
	for _, it := range b {
		if c, ok := it.Key.(comment); ok {
			cs = append(cs, c.Value)
			continue
		}
		if beginning {
			cs = addHead(m, cs)
			beginning = false
		}
		k := &yaml.Node{}
		k.Encode(it.Key)
		cs = addHead(k, cs)
		m.Content = append(m.Content, k, valueToNode(it.Value))
	}
	if len(cs) > 0 {
		if beginning {
			addHead(m, cs)
		} else {
			addFoot(m.Content[len(m.Content)-1], cs)
		}
	}
}

// yamlRoundTrip is sops's LoadPlainFile followed by EmitPlainFile: what `sops decrypt` prints for a file whose
// values decrypt to exactly what the plaintext held. Exercises the emitter on arbitrary inputs.
func yamlRoundTrip(in []byte) []byte {
	var out bytes.Buffer
	e := yaml.NewEncoder(&out)
	e.SetIndent(4)
	d := yaml.NewDecoder(bytes.NewReader(in))
	for {
		var doc yaml.Node
		if err := d.Decode(&doc); err == io.EOF {
			break
		} else if err != nil {
			panic(err)
		}
		b := appendNode(&doc, branch{}, false)
		root := yaml.Node{Kind: yaml.DocumentNode}
		m := &yaml.Node{Kind: yaml.MappingNode}
		appendBranch(b, m)
		root.Content = append(root.Content, m)
		if err := e.Encode(&root); err != nil {
			panic(err)
		}
	}
	e.Close()
	return out.Bytes()
}

func yamlDecrypt(in []byte) []byte {
	var out bytes.Buffer
	e := yaml.NewEncoder(&out)
	e.SetIndent(4)
	d := yaml.NewDecoder(bytes.NewReader(in))
	for {
		var doc yaml.Node
		if err := d.Decode(&doc); err == io.EOF {
			break
		} else if err != nil {
			panic(err)
		}
		b := appendNode(&doc, branch{}, false)
		var kept branch
		for _, it := range b {
			if it.Key != "sops" {
				kept = append(kept, it)
			}
		}
		kept = walk(kept, nil).(branch)
		root := yaml.Node{Kind: yaml.DocumentNode}
		m := &yaml.Node{Kind: yaml.MappingNode}
		appendBranch(kept, m)
		root.Content = append(root.Content, m)
		if err := e.Encode(&root); err != nil {
			panic(err)
		}
	}
	e.Close()
	return out.Bytes()
}

// ---- JSON store (as sops stores/json) ----

func jsonValue(dec *json.Decoder, t json.Token) interface{} {
	if d, ok := t.(json.Delim); ok {
		if d == '{' {
			return jsonBranch(dec)
		}
		var s []interface{}
		for {
			t, _ := dec.Token()
			if d, ok := t.(json.Delim); ok && d == ']' {
				if s == nil {
					s = []interface{}{}
				}
				return s
			}
			s = append(s, jsonValue(dec, t))
		}
	}
	return t
}

func jsonBranch(dec *json.Decoder) branch {
	b := branch{}
	for {
		t, err := dec.Token()
		if err != nil {
			panic(err)
		}
		if d, ok := t.(json.Delim); ok && d == '}' {
			return b
		}
		v, _ := dec.Token()
		b = append(b, item{Key: t.(string), Value: jsonValue(dec, v)})
	}
}

func encode(v interface{}) string {
	switch v := v.(type) {
	case branch:
		parts := []string{}
		for _, it := range v {
			k, _ := json.Marshal(it.Key.(string))
			parts = append(parts, string(k)+": "+encode(it.Value))
		}
		return "{" + strings.Join(parts, ",") + "}"
	case []interface{}:
		parts := []string{}
		for _, it := range v {
			parts = append(parts, encode(it))
		}
		return "[" + strings.Join(parts, ",") + "]"
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// jsonRoundTrip is sops's JSON LoadPlainFile followed by EmitPlainFile.
func jsonRoundTrip(in []byte) []byte {
	dec := json.NewDecoder(bytes.NewReader(in))
	dec.Token()
	b := jsonBranch(dec)
	var out bytes.Buffer
	if err := json.Indent(&out, []byte(encode(b)), "", "\t"); err != nil {
		panic(err)
	}
	out.WriteByte('\n')
	return out.Bytes()
}

func jsonDecrypt(in []byte) []byte {
	dec := json.NewDecoder(bytes.NewReader(in))
	dec.Token()
	b := jsonBranch(dec)
	var kept branch
	for _, it := range b {
		if it.Key != "sops" {
			kept = append(kept, it)
		}
	}
	kept = walk(kept, nil).(branch)
	var out bytes.Buffer
	if err := json.Indent(&out, []byte(encode(kept)), "", "\t"); err != nil {
		panic(err)
	}
	out.WriteByte('\n')
	return out.Bytes()
}

func main() {
	in, err := os.ReadFile(os.Args[2])
	if err != nil {
		panic(err)
	}
	key, _ = hex.DecodeString(os.Args[3])
	if os.Args[1] == "json-plain" {
		os.Stdout.Write(jsonRoundTrip(in))
	} else if os.Args[1] == "yaml-plain" {
		os.Stdout.Write(yamlRoundTrip(in))
	} else if os.Args[1] == "yaml" {
		os.Stdout.Write(yamlDecrypt(in))
	} else {
		os.Stdout.Write(jsonDecrypt(in))
	}
	_ = fmt.Sprint
}
