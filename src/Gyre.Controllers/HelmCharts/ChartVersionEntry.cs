using System.Text.Json.Nodes;

namespace Gyre.Controllers.HelmCharts;

/// <summary>One chart version of a repository index: its version, download URLs and the sha256 digest of the .tgz.</summary>
internal sealed record ChartVersionEntry(string Name, string Version, IReadOnlyList<string> Urls, string? Digest)
{
    public static ChartVersionEntry From(JsonObject entry) => new(
        (string?)entry["name"] ?? string.Empty,
        entry["version"]?.ToString() ?? string.Empty,
        (entry["urls"] as JsonArray ?? []).Select(u => u?.ToString()).OfType<string>().ToList(),
        (string?)entry["digest"]);
}
