using System.Text;
using System.Text.Json.Nodes;
using Gyre.Kube;
using Gyre.Manifests;

namespace Gyre.Controllers.Common;

/// <summary>Uncached reads of the objects a reconcile depends on (Flux reads sources and dependencies uncached too).</summary>
internal static class ObjectReader
{
    public static async Task<KubeObject?> GetAsync(KubeClient client, string apiVersion, string kind, string? ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            var resource = await client.ForKindAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false);
            return new KubeObject(await resource.GetAsync(ns, name, cancellationToken).ConfigureAwait(false));
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>A Secret's data, base64-decoded (stringData is folded in by the API server on write).</summary>
    public static IReadOnlyDictionary<string, byte[]> SecretData(KubeObject secret) =>
        (secret.Json["data"] as JsonObject ?? []).ToDictionary(
            p => p.Key,
            p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? Convert.FromBase64String(s) : [],
            StringComparer.Ordinal);

    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
