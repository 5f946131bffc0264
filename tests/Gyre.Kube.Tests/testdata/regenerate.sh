#!/usr/bin/env bash
# Regenerates the kubectl-produced expectations under testdata/ (the oracle is kubectl 1.32).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
( cd kubeconfig-merge
  KUBECONFIG=first.yaml:missing.yaml:second.yaml:third.yaml kubectl config view --raw -o json > expected.json )
