using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Manifests;

namespace Gyre.Controllers.HelmCharts;

/// <summary>What a HelmChart needs from its HelmRepository: URL, type, credentials reference and the index artifact.</summary>
internal sealed record HelmRepositoryRef(string Url, string Type, string? SecretName, bool PassCredentials, bool Insecure, TimeSpan Timeout, ArtifactStatus? Artifact)
{
    public bool IsOci => Type == "oci" || Url.StartsWith("oci://", StringComparison.Ordinal);

    public static HelmRepositoryRef From(KubeObject repository)
    {
        var spec = repository.Json["spec"] as JsonObject ?? [];
        return new HelmRepositoryRef(
            (string?)spec["url"] ?? string.Empty,
            (string?)spec["type"] ?? "default",
            (string?)spec["secretRef"]?["name"],
            spec["passCredentials"] is JsonValue p && p.TryGetValue<bool>(out var pass) && pass,
            spec["insecure"] is JsonValue i && i.TryGetValue<bool>(out var insecure) && insecure,
            GoDuration.TryParse((string?)spec["timeout"] ?? "60s", out var timeout) ? timeout : TimeSpan.FromSeconds(60),
            ArtifactStatus.FromJson(repository.Json["status"]?["artifact"]));
    }
}
