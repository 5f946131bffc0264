# The Gyre controller image: `gyre controller` as `gyre install` deploys it (see src/Gyre.Cli/Install/InstallManifests.cs).
# Build from the repository root:  docker build -t ghcr.io/gyre-gitops/gyre:0.1.0 .
# (Not built in Gyre's CI: the development machines have no container engine.)

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY eng/ eng/
COPY src/ src/
RUN dotnet publish src/Gyre.Cli/Gyre.Cli.csproj -c Release -o /out --nologo

# ASP.NET Core runtime: the controllers serve artifacts, /metrics and the health probes with Kestrel.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
# GitRepository fetches go through the git CLI (ls-remote, fetch); ssh for ssh:// remotes; gnupg for signed commits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends git openssh-client gnupg ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out /app
# A numeric non-root user, so the Deployment's runAsNonRoot can be verified by the kubelet.
USER 65532:65532
ENV DOTNET_gcServer=0 HOME=/tmp
ENTRYPOINT ["dotnet", "/app/gyre.dll"]
CMD ["controller", "--log-encoding=json"]
