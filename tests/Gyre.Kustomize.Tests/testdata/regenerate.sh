#!/usr/bin/env bash
# Regenerates every golden file from the oracle, kubectl kustomize (kustomize v5.5.0 inside kubectl 1.32).
# Each case directory builds the directory named in its `build-path` file (default: the case directory itself).
# Success writes expected.yaml (stdout); failure writes expected.error (stderr) instead.
# Usage: tests/Gyre.Kustomize.Tests/testdata/regenerate.sh [case-name...]
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
kubectl version --client 2>/dev/null | grep -q 'Kustomize Version: v5.5.0' || { echo "regenerate.sh: needs kubectl with kustomize v5.5.0" >&2; exit 1; }
cases=("$@")
if (( ${#cases[@]} == 0 )); then
  mapfile -t cases < <(find . -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort)
fi
for c in "${cases[@]}"; do
  build="."
  [[ -f "$c/build-path" ]] && build="$(tr -d '\n' < "$c/build-path")"
  rm -f "$c/expected.yaml" "$c/expected.error"
  if out="$(cd "$c" && kubectl kustomize "$build" 2>/tmp/regenerate-stderr)"; then
    printf '%s' "$out" > "$c/expected.yaml"
    # $(...) strips trailing newlines; kubectl's output always ends with exactly one when non-empty.
    [[ -n "$out" ]] && printf '\n' >> "$c/expected.yaml"
  else
    cp /tmp/regenerate-stderr "$c/expected.error"
  fi
done
