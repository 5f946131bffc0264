#!/usr/bin/env bash
# Gyre's test command (README): installs what the tests need, restores, builds and runs every test project.
# Extra arguments go to `dotnet test` (e.g. ./test.sh --filter FullyQualifiedName~Kustomize).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

# Servers the integration tests start on 127.0.0.1 (git, sshd, an OCI registry, age, gpg), from Debian packages.
needed=()
command -v git >/dev/null 2>&1 || needed+=(git)
command -v sshd >/dev/null 2>&1 || [[ -x /usr/sbin/sshd ]] || needed+=(openssh-server)
command -v age >/dev/null 2>&1 || needed+=(age)
command -v gpg >/dev/null 2>&1 || needed+=(gnupg)
[[ -x /usr/bin/docker-registry ]] || needed+=(docker-registry)
if (( ${#needed[@]} )); then
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  echo "test.sh: installing ${needed[*]}" >&2
  $sudo apt-get update -qq >/dev/null
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET 10 SDK is required" >&2; exit 1
fi

dotnet restore Gyre.slnx -nologo -v quiet
dotnet build Gyre.slnx --no-restore -nologo -v quiet -clp:ErrorsOnly
dotnet test Gyre.slnx --no-build -nologo --logger "console;verbosity=minimal" "$@"
