using System.Reflection;
using Gyre.Manifests;

namespace Gyre.Api.Crds;

/// <summary>
/// The CustomResourceDefinitions Gyre installs: Flux's source, kustomize, helm and notification kinds, serving the
/// older versions Flux 2.7 still serves so repositories that carry them keep applying. Regenerate with
/// Crds/generate-crds.py.
/// </summary>
public static class FluxCrds
{
    private const string Prefix = "Gyre.Api.Crds.";

    /// <summary>Every CRD, sorted by name.</summary>
    public static IReadOnlyList<KubeObject> All()
    {
        var assembly = typeof(FluxCrds).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => KubeObject.Parse(Read(assembly, n), n[Prefix.Length..]))
            .ToList();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
