#!/usr/bin/env bash
# Regenerates the expected outputs of the YAML cases with the reference: kubectl (sigs.k8s.io/yaml on go-yaml v2).
# `kubectl label --local` reads the file exactly as `kubectl apply -f` does and prints it without a cluster; the label
# it adds (gyre-probe=1) is added by the test too. Outputs: <case>.json (-o json), <case>.out.yaml (-o yaml) or
# <case>.error (kubectl's message, for cases kubectl refuses). *_json_only cases get no -o yaml expectation
# (see make-cases.py for why).
set -euo pipefail
cd "$(dirname "$0")"
rm -f yaml/*
python3 make-cases.py
kubectl version --client | head -1 > yaml/ORACLE_VERSION
for f in yaml/*.yaml; do
  base="${f%.yaml}"
  if ! kubectl label --local -f "$f" gyre-probe=1 -o json > "$base.json" 2> "$base.error"; then
    rm -f "$base.json"; continue
  fi
  rm -f "$base.error"
  [[ "$base" == *_json_only ]] && continue
  kubectl label --local -f "$f" gyre-probe=1 -o yaml > "$base.out.yaml"
done
echo "regenerated $(ls yaml/*.json | wc -l) outputs and $(ls yaml/*.error 2>/dev/null | wc -l) errors"
