#!/usr/bin/env bash
# Builds the gotemplate oracle with a -bench mode: the test suite's copy of shared/oracles/gotemplate/main.go plus
# oracle/bench.go, offline against Debian's Go packages; prints the binary's path. See tests/.../testdata/regenerate.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${ORACLE_OUT:-/tmp/gyre-gotemplate-bench-oracle}"
gp="$out/gopath"
rm -rf "$gp/src/gotemplate-oracle" && mkdir -p "$gp/src/gotemplate-oracle"
cp "$here/../../tests/Gyre.Templates.Tests/testdata/oracle/main.go" "$here/oracle/bench.go" "$gp/src/gotemplate-oracle/"
printf 'module gotemplate-oracle\n\ngo 1.19\n' >"$gp/src/gotemplate-oracle/go.mod"
GO111MODULE=off GOPATH="$gp:/usr/share/gocode" GOFLAGS= GOPROXY=off GOCACHE="$out/gocache" CGO_ENABLED=0 \
  go build -trimpath -o "$out/gotemplate-oracle" gotemplate-oracle
echo "$out/gotemplate-oracle"
