using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Gyre.Sources.Oci;

namespace Gyre.Controllers.Tests.Support;

/// <summary>
/// Pushes a packaged chart to a registry laid out as `helm push` does (Helm's registry docs): repository
/// &lt;path&gt;/&lt;chart name&gt;, tag = chart version with '+' as '_', an OCI image manifest whose config is the
/// Chart.yaml metadata as JSON (application/vnd.cncf.helm.config.v1+json) and whose one layer is the .tgz
/// (application/vnd.cncf.helm.chart.content.v1.tar+gzip), with the title/version annotations.
/// </summary>
public static class HelmOciCharts
{
    public const string ConfigMediaType = "application/vnd.cncf.helm.config.v1+json";
    public const string ChartMediaType = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

    /// <summary>Pushes the chart and returns the manifest digest.</summary>
    public static async Task<string> PushAsync(RegistryServer registry, string path, string name, string version, byte[] package, RegistryCredentials? credentials = null)
    {
        var config = Encoding.UTF8.GetBytes(new JsonObject { ["name"] = name, ["version"] = version, ["apiVersion"] = "v2" }.ToJsonString());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var client = new OciClient(registry.Host, new OciClientOptions { Insecure = true, Credentials = credentials });
        var repository = path + "/" + name;
        await client.PushBlobAsync(repository, config, timeout.Token);
        await client.PushBlobAsync(repository, package, timeout.Token);
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["config"] = Descriptor(ConfigMediaType, config),
            ["layers"] = new JsonArray(Descriptor(ChartMediaType, package)),
            ["annotations"] = new JsonObject
            {
                ["org.opencontainers.image.title"] = name,
                ["org.opencontainers.image.version"] = version,
            },
        };
        return await client.PushManifestAsync(repository, version.Replace('+', '_'), Encoding.UTF8.GetBytes(manifest.ToJsonString()),
            "application/vnd.oci.image.manifest.v1+json", timeout.Token);
    }

    private static JsonObject Descriptor(string mediaType, byte[] content) => new()
    {
        ["mediaType"] = mediaType,
        ["digest"] = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content)),
        ["size"] = content.Length,
    };
}
