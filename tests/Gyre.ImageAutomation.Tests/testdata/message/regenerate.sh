#!/usr/bin/env bash
# Regenerates expected/<case>.txt from cases/<case>.json with the Go oracle (oracle/main.go: Go 1.19 text/template +
# Sprig 3.2.3 over a model of Flux's update.TemplateData). Built offline in GOPATH mode against Debian's Go packages
# (golang-go, golang-github-masterminds-sprig-dev), as tests/Gyre.Templates.Tests/testdata/regenerate.sh does.
#
#   ./regenerate.sh           rebuild the oracle and rewrite every expected file
#   ./regenerate.sh --check   compare instead; exit 1 on a difference
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${ORACLE_OUT:-/tmp/gyre-message-oracle}"
gp="$out/gopath"
rm -rf "$gp/src/message-oracle"
mkdir -p "$gp/src/message-oracle"
cp "$here/oracle/main.go" "$gp/src/message-oracle/"
printf 'module message-oracle\n\ngo 1.19\n' >"$gp/src/message-oracle/go.mod"
GO111MODULE=off GOPATH="$gp:/usr/share/gocode" GOFLAGS= GOPROXY=off GOCACHE="$out/gocache" CGO_ENABLED=0 \
  go build -trimpath -o "$out/message-oracle" message-oracle
status=0
for c in "$here"/cases/*.json; do
  name="$(basename "$c" .json)"
  if [ "${1:-}" = "--check" ]; then
    if ! "$out/message-oracle" <"$c" | cmp -s - "$here/expected/$name.txt"; then
      echo "differs: $name" >&2
      status=1
    fi
  else
    "$out/message-oracle" <"$c" >"$here/expected/$name.txt"
  fi
done
exit $status
