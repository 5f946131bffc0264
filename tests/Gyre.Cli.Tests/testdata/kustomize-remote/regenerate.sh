#!/usr/bin/env bash
# Regenerates the remote-resource goldens from the oracle, kubectl kustomize (kustomize v5.5.0 inside kubectl 1.32).
# Each case: repo/ is committed into a git repository <tmp>/repo.git (tagged v1), then repo-next/ on top of it on main;
# http/ (if present) is served on 127.0.0.1; overlay/ is built with {{REPO}} and {{HTTP}} replaced, and the output
# has them put back, so goldens hold no temporary paths. GyreKustomizeRemoteTests does the same with Gyre.
# Usage: tests/Gyre.Cli.Tests/testdata/kustomize-remote/regenerate.sh [case-name...]
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
kubectl version --client 2>/dev/null | grep -q 'Kustomize Version: v5.5.0' || { echo "regenerate.sh: needs kubectl with kustomize v5.5.0" >&2; exit 1; }
cases=("$@")
if (( ${#cases[@]} == 0 )); then
  mapfile -t cases < <(find . -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort)
fi
commit() {
  GIT_AUTHOR_NAME=gyre GIT_AUTHOR_EMAIL=gyre@example.com GIT_COMMITTER_NAME=gyre GIT_COMMITTER_EMAIL=gyre@example.com \
  GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" GIT_COMMITTER_DATE="2026-01-01T00:00:00Z" git -C "$1" commit -q -m "$2"
}
for c in "${cases[@]}"; do
  tmp="$(mktemp -d)"
  git init -q -b main "$tmp/repo.git"
  cp -r "$c/repo/." "$tmp/repo.git/"
  git -C "$tmp/repo.git" add -A && commit "$tmp/repo.git" v1 && git -C "$tmp/repo.git" tag v1
  if [[ -d "$c/repo-next" ]]; then
    cp -r "$c/repo-next/." "$tmp/repo.git/"
    git -C "$tmp/repo.git" add -A && commit "$tmp/repo.git" v2
  fi
  http="http://127.0.0.1:0"; server=""
  if [[ -d "$c/http" ]]; then
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    python3 -m http.server --bind 127.0.0.1 --directory "$c/http" "$port" >/dev/null 2>&1 & server=$!
    http="http://127.0.0.1:$port"
    for _ in $(seq 50); do curl -s -o /dev/null "$http/" && break; sleep 0.1; done
  fi
  mkdir -p "$tmp/overlay"
  for f in "$c"/overlay/*; do
    sed -e "s#{{REPO}}#$tmp/repo#g" -e "s#{{HTTP}}#$http#g" "$f" > "$tmp/overlay/$(basename "$f")"
  done
  rm -f "$c/expected.yaml" "$c/expected.error"
  if (cd "$tmp/overlay" && kubectl kustomize . > "$tmp/out" 2> "$tmp/err"); then
    sed -e "s#$tmp/repo#{{REPO}}#g" -e "s#$http#{{HTTP}}#g" "$tmp/out" > "$c/expected.yaml"
  else
    sed -e "s#$tmp/repo#{{REPO}}#g" -e "s#$http#{{HTTP}}#g" -e "s#$tmp#{{TMP}}#g" "$tmp/err" > "$c/expected.error"
  fi
  [[ -n "$server" ]] && kill "$server"
  rm -rf "$tmp"
done
