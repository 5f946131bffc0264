#!/usr/bin/env bash
# The kustomize benchmark (docs/performance/kustomize.md): in-process builds/s on a mid-size overlay, and whole-process
# `./gyre kustomize build` against `kubectl kustomize` on a large generated input, checking the outputs are identical.
# Usage: bench/Gyre.Kustomize.Bench/run.sh [runs]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet build "$root/bench/Gyre.Kustomize.Bench" -c Release -nologo -v quiet -clp:ErrorsOnly -o "$work/bench" >/dev/null
"$root/gyre" version >/dev/null   # builds the CLI (Release) once
bench() { dotnet "$work/bench/Gyre.Kustomize.Bench.dll" "$@"; }

mid="$(bench generate "$work/mid" 50 20)"
echo "mid-size overlay (50 apps = 300 resources, 20 patches, 3 levels), in-process:"
bench inprocess "$mid" 10

large="$(bench generate "$work/large" 500 50)"
kubectl kustomize "$large" > "$work/kubectl.yaml" 2>/dev/null
"$root/gyre" kustomize build "$large" > "$work/gyre.yaml" 2>/dev/null
if cmp -s "$work/kubectl.yaml" "$work/gyre.yaml"; then echo "large input: outputs identical ($(grep -c '^kind:' "$work/gyre.yaml") resources)"; else echo "large input: OUTPUTS DIFFER"; diff "$work/kubectl.yaml" "$work/gyre.yaml" | head -20; exit 1; fi
timeit() {
  local best=999999 total=0
  for _ in $(seq "$runs"); do
    local start end ms
    start=$(date +%s%N); "$@" >/dev/null 2>&1; end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 )); total=$((total + ms)); (( ms < best )) && best=$ms
  done
  echo "best ${best} ms, mean $((total / runs)) ms over $runs runs"
}
echo "kubectl kustomize (large):     $(timeit kubectl kustomize "$large")"
echo "./gyre kustomize build (large): $(timeit "$root/gyre" kustomize build "$large")"
echo "large input, in-process:"
bench inprocess "$large" 20
