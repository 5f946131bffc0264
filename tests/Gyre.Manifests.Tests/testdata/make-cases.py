#!/usr/bin/env python3
"""Writes the YAML input cases (yaml/<case>.yaml). Expected outputs come from kubectl via regenerate.sh."""
import os
H = "apiVersion: gyre.test/v1\nkind: Probe\nmetadata:\n  name: probe\n"
cases = {}
def data(name, body):
    cases[name] = H + "data:\n" + "".join("  " + l + "\n" for l in body.split("\n"))

data("bool_yaml11_forms", "a: yes\nb: No\nc: ON\nd: off\ne: y\nf: N\ng: True\nh: FALSE\ni: tRue")
data("null_forms", "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: nUll")
data("int_forms", "a: 0777\nb: 0o17\nc: 0x1F\nd: 1_000\ne: -42\nf: +7\ng: 0b101\nh: -0b11\ni: 08\nj: 0\nk: -0\nl: 007")
data("int_limits", "a: 9223372036854775807\nb: -9223372036854775808\nc: 9223372036854775808\nd: 18446744073709551615\ne: 18446744073709551616\nf: -9223372036854775809\ng: 123456789012345678901234")
data("float_forms", "a: 1.5\nb: .5\nc: 1e3\nd: 1.0e+3\ne: 1e-7\nf: -0.0\ng: 3.14159265358979323846\nh: 1.\ni: 6.02e23\nj: 1e21\nk: 1e20\nl: 0.000001\nm: 0.0000001\nn: 1e400\no: 1_000.5")
data("timestamps_stay_strings", "a: 2001-12-14\nb: 2001-12-14T21:59:43.10-05:00\nc: 2001-12-14 21:59:43.10\nd: 2001-13-01\ne: 2001-02-30\nf: 2002-12-14t21:59:43Z")
data("base60_and_colons", "a: 1:20\nb: 190:20:30\nc: 1:2:3.5\nd: a:b\ne: 'x: y'")
data("quoted_scalars_stay_strings", "a: \"yes\"\nb: '123'\nc: \"1e3\"\nd: ''\ne: \"\"\nf: 'null'\ng: \"~\"")
data("explicit_tags", "a: !!str 12\nb: !!int \"12\"\nc: !!float 3\nd: !!bool \"yes\"\ne: !!binary aGVsbG8=\nf: !custom value\ng: !!str true")
data("strings_needing_quotes_on_output", "a: ' leading'\nb: 'trailing '\nc: 'a: b'\nd: '#hash'\ne: 'x #y'\nf: '- dash'\ng: '@at'\nh: '`tick'\ni: '%pct'\nj: '!bang'\nk: '&amp'\nl: '*star'\nm: '[x'\nn: '{x'\no: '|pipe'\np: '>gt'\nq: '?q'\nr: ':colon'\ns: '---'\nt: '...'\nu: 'a,b'\nv: \"it's\"\nw: 'x:'\nx: '<<'\ny: '-'\nz: '?'")
data("strings_plain_on_output", "a: hello world\nb: a-b_c.d/e\nc: http://x.y/z?q=1\nd: x#y\ne: a:b\nf: -x\ng: key=value\nh: 50%\ni: C:\\\\path")
data("special_characters", "a: \"tab\\there\"\nb: \"bell\\a\"\nc: \"nul\\0\"\nd: \"esc\\e\"\ne: \"nbsp\\u00a0x\"\nf: \"caf\\u00e9\"\ng: \"\\U0001F600 smile\"\nh: \"bom\\ufeffx\"\ni: \"line\\u2028sep\"\nl: \"back\\\\slash\"\nm: \"quote\\\"d\"")
data("long_lines_fold_at_80", "a: " + " ".join(["word%d" % i for i in range(40)]) + "\nb: " + "x" * 150 + "\nc: '" + " ".join(["quoted#%d" % i for i in range(30)]) + " '\nd: \"" + "\\t".join(["tab%d" % i for i in range(20)]) + " " + " ".join(["w%d" % i for i in range(30)]) + "\"\ne: " + "a  " * 40 + "end")
data("multiline_literal_forms", "a: |\n    line1\n    line2\nb: |-\n    no trailing\nc: |+\n    keep\n\nd: |2\n      indented first\n    then\ne: >\n    folded\n    text\n\n    para\nf: \"two\\n\\nbreaks\\n\\n\"\ng: \"trailing space \\nx\"\nh: \"x\\n trailing\"\ni: \"\\nleading break\"\nj: \"only\\n\"\nk: \"\\n\"")
data("anchors_aliases_merge", "base: &b\n    a: 1\n    b: [x, y]\nref: *b\nmerged:\n    <<: *b\n    c: 3\nmulti:\n    <<: [{a: 1, z: 0}, {a: 2, b: 3}]\n    c: 4\noverride:\n    a: before\n    <<: {a: merged, q: 1}\nlist: &l [1, 2]\nlist2: *l\nscalar: &s text\nscalar2: *s")
data("non_string_keys", "1: int\ntrue: bool\n1.5: float\n0.1: small\n3.14159265358979: pi32\n1e30: big\nyes: yes-key\n0x10: hex")
data("duplicate_keys_last_wins", "a: 1\nb: 2\na: 3")
data("flow_collections", "a: {x: 1, y: [1, 2, {z: 3}]}\nb: []\nc: {}\nd: [[]]\ne: [{}]\nf: [a, 'b', \"c\", 1, true, null]")
data("nested_sequences_and_maps", "a:\n- - 1\n  - 2\n- - x: 1\n    y: 2\n- k: v\n  l:\n  - m\n  - n: o\nb:\n- []\n- {}\n- null\n- ''")
data("key_order_natural_sort", "b10: 1\nb2: 2\nB: 3\na: 4\n_x: 5\n-y: 6\nZ: 7\n1a: 8\na01: 9\na1: 10\na001: 11\n\u00e9: 12\nz: 13\nA: 14\n.dot: 15\na.b: 16\na-b: 17\na_b: 18")
data("keys_needing_quotes", "'yes': a\n'123': b\n'': c\n'a: b': d\n' sp': e\n'null': f\n'-': g\n'1:20': h")
data("comments_everywhere", "# comment\na: 1 # trailing\n# between\nb: # after key\n    c: 2\nd: 'x' # after quoted")
# libyaml's simple-key limit is 128 bytes of UTF-8 (not characters); keys over it, or spanning lines, take the "? " form.
data("long_and_multiline_keys", "'" + "\u00e9" * 50 + "': fifty-two-byte-chars\n'" + "\u00e9" * 70 + "': over-128-bytes\n'" + "k" * 130 + "': long-ascii\n\"multi\\nline\": v")
data("long_lines_fold_unicode", "a: " + " ".join(["w\u00f6rd%d" % i for i in range(30)]) + "\nb: '" + " ".join(["\u65e5\u672c%d" % i for i in range(40)]) + " '")
cases["document_markers_and_empty_docs"] = "---\n# only a comment\n---\n" + H + "data:\n  a: 1\n...\n---\n"
cases["json_input"] = '{"apiVersion": "gyre.test/v1", "kind": "Probe", "metadata": {"name": "probe"}, "data": {"a": 1.0, "b": 1e3, "c": "x\\u00e9\\n", "d": [true, null], "e": 12345678901234567890, "f": 0.1}}\n'
# A surrogate pair escape is one code point (escaped on output: libyaml prints only the BMP).
cases["json_surrogate_pair"] = '{"apiVersion": "gyre.test/v1", "kind": "Probe", "metadata": {"name": "probe"}, "data": {"b": "\\ud83d\\ude00 pair"}}\n'
cases["windows_line_endings"] = (H + "data:\n  a: 1\n  b: |\n    x\n    y\n").replace("\n", "\r\n")
cases["tab_after_value_and_unicode_keys"] = H + "data:\n  a: x\t\n  \u00fcber: ja\n  \u65e5\u672c: \u8a9e\n"
cases["configmap_realistic"] = """apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
  namespace: default
  labels:
    app.kubernetes.io/name: web
    app.kubernetes.io/version: "1.0"
  annotations:
    description: "A config map with a long description that certainly exceeds the eighty column limit of go-yaml's emitter"
data:
  nginx.conf: |
    server {
        listen 80;
        location / {
            proxy_pass http://backend;
        }
    }
  enabled: "true"
  replicas: "3"
  empty: ""
  json: '{"a": 1, "b": [1, 2]}'
"""
cases["deployment_realistic"] = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.25
        args: ["--port", "8080", "--verbose=true"]
        ports:
        - containerPort: 8080
          protocol: TCP
        env:
        - name: A
          value: "1"
        - name: B
          valueFrom:
            fieldRef: {fieldPath: metadata.name}
        resources:
          limits: {cpu: 500m, memory: 128Mi}
          requests: {cpu: 0.25, memory: 64Mi}
"""
cases["list_kind_expanded"] = """apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: one}
  data: {a: b}
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: two}
"""
cases["multi_document_stream"] = H + "data: {a: 1}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: second\n---\n\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: third\nstringData:\n  k: v\n"
# kubectl -o yaml re-reads its JSON as YAML, where a raw NEL is a line break and gets folded into a space: a
# kubectl quirk that corrupts the value, so Gyre is compared with kubectl's JSON only.
cases["nel_character_json_only"] = H + "data:\n  k: \"c1\\x85\"\n"
cases["del_character_json_only"] = H + "data:\n  j: \"del\\x7f\"\n"
# errors
cases["error_tab_indentation"] = H + "data:\n\ta: 1\n"
cases["error_unclosed_quote"] = H + "data:\n  a: \"open\n"
cases["error_unknown_alias"] = H + "data:\n  a: *nope\n"
cases["error_infinity_value"] = H + "data:\n  a: .inf\n"
cases["error_nan_value"] = H + "data:\n  a: .nan\n"
cases["error_null_key"] = H + "data:\n  ~: a\n"
cases["error_bad_indentation"] = H + "data:\n  a: 1\n   b: 2\n"
cases["error_bad_tagged_int"] = H + "data:\n  a: !!int abc\n"
cases["error_mapping_key"] = H + "data:\n  ? {a: 1}\n  : b\n"
cases["error_scalar_document"] = "just a string\n"
cases["error_merge_of_scalar"] = H + "data:\n  <<: 1\n"
cases["error_bad_base64"] = H + "data:\n  a: !!binary '%%%'\n"

here = os.path.dirname(os.path.abspath(__file__))
for name, text in cases.items():
    with open(os.path.join(here, "yaml", name + ".yaml"), "w", newline="") as f:
        f.write(text)
print(len(cases), "cases")
