#!/usr/bin/env bash
# Regenerates testdata/expected/<vector>.plain with the Go oracle (main.go: real gopkg.in/yaml.v3 and encoding/json,
# following sops's stores). Needs Debian's golang-go and golang-gopkg-yaml.v3-dev. The data key of each vector comes
# from its .decrypted.json (produced by an independent checker, see vectors/README.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
testdata="$(dirname "$here")"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cp "$here/main.go" "$work/"
(cd "$work" && GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="$work/cache" go build -o oracle main.go)
# Emitter cases: plaintext YAML round-tripped through sops's YAML store (load, then print).
for input in "$testdata"/emitter/*.input.yaml; do
  "$work/oracle" yaml-plain "$input" - > "${input%.input.yaml}.expected.yaml"
done
for input in "$testdata"/emitter/*.input.json; do
  "$work/oracle" json-plain "$input" - > "${input%.input.json}.expected.json"
done
cd "$testdata/vectors"
find . -name '*.decrypted.json' | sort | while read -r meta; do
  file="${meta%.decrypted.json}"
  [[ -f "$file" ]] || continue
  format="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["format"])' "$meta")"
  key="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["data_key_hex"])' "$meta")"
  case "$format" in yaml|json) ;; *) continue ;; esac
  out="$testdata/expected/${file#./}.plain"
  mkdir -p "$(dirname "$out")"
  "$work/oracle" "$format" "$file" "$key" > "$out"
done
