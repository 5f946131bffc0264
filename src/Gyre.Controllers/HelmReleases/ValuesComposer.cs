using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Gyre.Api.Helm;
using Gyre.Controllers.Common;
using Gyre.Controllers.HelmCharts;
using Gyre.Controllers.Kustomizations;
using Gyre.Helm;
using Gyre.Kube;
using Gyre.Manifests;
using Gyre.Manifests.Json;
using Gyre.Manifests.Yaml;

namespace Gyre.Controllers.HelmReleases;

/// <summary>
/// A HelmRelease's values as helm-controller composes them (fluxcd/pkg chartutil.ChartValuesFromReferences):
/// spec.valuesFrom in order (ConfigMap/Secret keys, optional ones may be missing), a targetPath entry placed with
/// Helm's --set syntax where it stands in that order, then spec.values merged last; and the config digest Flux
/// records as lastAttemptedConfigDigest.
/// </summary>
internal static class ValuesComposer
{
    public static async Task<JsonObject> ComposeAsync(KubeClient client, string ns, HelmReleaseSpec spec, CancellationToken cancellationToken)
    {
        var result = new JsonObject();
        foreach (var reference in spec.ValuesFrom)
        {
            var where = $"{reference.Kind}/{ns}/{reference.Name}";
            var obj = await ObjectReader.GetAsync(client, "v1", reference.Kind, ns, reference.Name, cancellationToken).ConfigureAwait(false);
            if (obj is null)
            {
                if (reference.Optional)
                {
                    continue;
                }

                throw new ReconcileStepException("InitFailed", $"could not resolve {where}: not found; create it or mark the valuesFrom entry optional: true");
            }

            var text = Value(obj, reference.ValuesKey);
            if (text is null)
            {
                if (reference.Optional)
                {
                    continue;
                }

                throw new ReconcileStepException("InitFailed", $"missing key '{reference.ValuesKey}' in {where}");
            }

            if (reference.TargetPath is { } path)
            {
                // As Flux: the inline values are merged in first, so the path lands in them; spec.values still wins at the end.
                result = ValuesMerge.Merge(result, spec.Values);
                try
                {
                    TargetPathValue.Replace(result, path, text, reference.Literal);
                }
                catch (HelmException ex)
                {
                    throw new ReconcileStepException("InitFailed", $"unable to replace value at path '{path}' from {where}: {ex.Message}", ex);
                }

                continue;
            }

            try
            {
                result = ValuesMerge.Merge(result, YamlReader.ReadSingle(text, where + ":" + reference.ValuesKey) as JsonObject ?? []);
            }
            catch (ManifestException ex)
            {
                throw new ReconcileStepException("InitFailed", $"unable to read values from key '{reference.ValuesKey}' in {where}: {ex.Message}", ex);
            }
        }

        return ValuesMerge.Merge(result, spec.Values);
    }

    /// <summary>sha256 over the values as Go's encoding/json writes them (sorted keys), as Flux's DigestValues.</summary>
    public static string Digest(JsonObject values) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(GoJson.Serialize(values))));

    private static string? Value(KubeObject obj, string key)
    {
        if (obj.Kind == "Secret")
        {
            return ObjectReader.SecretData(obj).TryGetValue(key, out var bytes) ? ObjectReader.Text(bytes) : null;
        }

        return (string?)obj.Json["data"]?[key];
    }
}
