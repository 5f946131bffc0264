#!/usr/bin/env bash
# Regenerates expected/*.json from the Go oracle (Go 1.19 text/template + Sprig 3.2.3 + Helm's functions).
# The oracle source is oracle/main.go, a copy of shared/oracles/gotemplate/main.go; it is built offline in GOPATH
# mode against Debian's Go packages, which this script installs with apt when missing.
#
#   ./regenerate.sh              rebuild the oracle, regenerate every golden (after gen-cases.py refreshed cases/)
#   ./regenerate.sh --check      compare instead of writing; exit 1 on a difference
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${ORACLE_OUT:-/tmp/gyre-gotemplate-oracle}"

pkgs=(golang-go golang-github-masterminds-sprig-dev golang-k8s-sigs-yaml-dev golang-gopkg-yaml.v3-dev golang-github-burntsushi-toml-dev)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=(); [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# GOPATH mode with a go.mod next to the source gives "minimal module compatibility" for github.com/Masterminds/sprig/v3.
gp="$out/gopath"
rm -rf "$gp/src/gotemplate-oracle"
mkdir -p "$gp/src/gotemplate-oracle"
cp "$here/oracle/main.go" "$gp/src/gotemplate-oracle/"
printf 'module gotemplate-oracle\n\ngo 1.19\n' >"$gp/src/gotemplate-oracle/go.mod"
GO111MODULE=off GOPATH="$gp:/usr/share/gocode" GOFLAGS= GOPROXY=off GOCACHE="$out/gocache" CGO_ENABLED=0 \
  go build -trimpath -o "$out/gotemplate-oracle" gotemplate-oracle

check=0
[ "${1:-}" = "--check" ] && check=1
mkdir -p "$here/expected"
if ((!check)); then
  # Goldens of cases that no longer exist go away with them.
  for e in "$here"/expected/*.json; do
    [ -f "$here/cases/$(basename "$e")" ] || rm -f "$e"
  done
fi
diffs=0 n=0
for c in "$here"/cases/*.json; do
  name="$(basename "$c")"
  got="$("$out/gotemplate-oracle" <"$c")"
  n=$((n + 1))
  if ((check)); then
    if [ "$got" != "$(cat "$here/expected/$name" 2>/dev/null)" ]; then echo "differs: $name" >&2; diffs=$((diffs + 1)); fi
  else
    printf '%s\n' "$got" >"$here/expected/$name"
  fi
done
echo "regenerate.sh: $n cases, $diffs differences" >&2
[ "$diffs" -eq 0 ]
