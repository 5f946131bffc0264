#!/bin/sh
# Regenerates the expected oracle responses: python3 gen-requests.py && ./regenerate.sh
# Needs the Go template oracle: (cd /work/shared/oracles/gotemplate && ./build.sh)
set -e
cd "$(dirname "$0")"
ORACLE=${ORACLE:-/work/shared/oracles/gotemplate/bin/gotemplate-oracle}
for req in *.request.json; do
  "$ORACLE" -pretty < "$req" > "${req%.request.json}.expected.json"
done
