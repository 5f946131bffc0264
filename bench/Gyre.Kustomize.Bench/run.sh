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
# Wall-clock and CPU (user+sys, from bash's times) per run: CPU time is the fairer number on a shared machine.
timeit() {
  local best=-1 total=0 cpu_total=0
  for _ in $(seq "$runs"); do
    local start end ms before after cpu
    before=$(cpu_ms); start=$(date +%s%N); "$@" >/dev/null 2>&1; end=$(date +%s%N); after=$(cpu_ms)
    ms=$(( (end - start) / 1000000 )); cpu=$((after - before)); total=$((total + ms)); cpu_total=$((cpu_total + cpu))
    (( best < 0 || ms < best )) && best=$ms
  done
  echo "wall best ${best} ms, mean $((total / runs)) ms; cpu mean $((cpu_total / runs)) ms over $runs runs"
}
# Children's user+sys CPU time so far, in ms (bash's `times`, second line).
cpu_ms() { times | tail -1 | awk '{ split($1,u,"m"); split($2,s,"m"); printf "%d", (u[1]*60 + u[2]) * 1000 + (s[1]*60 + s[2]) * 1000 }'; }
echo "kubectl kustomize (large):     $(timeit kubectl kustomize "$large")"
echo "./gyre kustomize build (large): $(timeit "$root/gyre" kustomize build "$large")"
echo "large input, in-process:"
bench inprocess "$large" 20
