#!/usr/bin/env bash
# The controllers benchmark as recorded in docs/performance/controllers.md: builds Release, then runs 1,000
# Kustomizations and 1,000 HelmReleases, each in a fresh local cluster and controller process.
# Other sizes: bench/Gyre.Controllers.Bench/run.sh kustomizations 100 500 1000
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build bench/Gyre.Controllers.Bench -c Release -v quiet -clp:ErrorsOnly -nologo
dll=bench/Gyre.Controllers.Bench/bin/Release/net10.0/Gyre.Controllers.Bench.dll
if [ $# -gt 0 ]; then
  exec dotnet "$dll" "$@"
fi
dotnet "$dll" kustomizations 1000
dotnet "$dll" helmreleases 1000
