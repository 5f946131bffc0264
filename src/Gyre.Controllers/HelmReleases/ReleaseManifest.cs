using System.Text;
using System.Text.Json.Nodes;
using Gyre.Manifests;
using Gyre.Manifests.Yaml;

namespace Gyre.Controllers.HelmReleases;

/// <summary>
/// A release manifest as Helm stores it ("---\n# Source: path\n" before each document): parsed into objects, labelled
/// by helm-controller's post-renderer with the owning HelmRelease, and written back.
/// </summary>
internal static class ReleaseManifest
{
    public const string NameLabel = "helm.toolkit.fluxcd.io/name";
    public const string NamespaceLabel = "helm.toolkit.fluxcd.io/namespace";
    private const string Separator = "---\n# Source: ";

    public static IReadOnlyList<ManifestDocument> Parse(string manifest)
    {
        var documents = new List<ManifestDocument>();
        foreach (var piece in manifest.Split(Separator, StringSplitOptions.RemoveEmptyEntries))
        {
            var newline = piece.IndexOf('\n', StringComparison.Ordinal);
            var source = newline < 0 ? piece : piece[..newline];
            var content = newline < 0 ? string.Empty : piece[(newline + 1)..];
            foreach (var document in YamlReader.ReadDocuments(content, source))
            {
                if (document.Root is JsonObject { Count: > 0 } obj)
                {
                    documents.Add(new ManifestDocument(source, new KubeObject(obj)));
                }
            }
        }

        return documents;
    }

    public static string Write(IEnumerable<ManifestDocument> documents)
    {
        var text = new StringBuilder();
        foreach (var document in documents)
        {
            text.Append(Separator).Append(document.Source).Append('\n').Append(YamlWriter.Write(document.Object.Json));
        }

        return text.ToString();
    }

    /// <summary>helm-controller's origin labels, added to every rendered object (hooks included) by its post-renderer.</summary>
    public static KubeObject Label(KubeObject obj, string ownerName, string ownerNamespace)
    {
        var json = (JsonObject)obj.Json.DeepClone();
        var metadata = json["metadata"] as JsonObject ?? (JsonObject)(json["metadata"] = new JsonObject());
        var labels = metadata["labels"] as JsonObject ?? (JsonObject)(metadata["labels"] = new JsonObject());
        labels[NameLabel] = ownerName;
        labels[NamespaceLabel] = ownerNamespace;
        return new KubeObject(json);
    }

    /// <summary>The CustomResourceDefinitions under crds/ of the chart and its dependencies (what Helm installs before templates).</summary>
    public static IReadOnlyList<KubeObject> ChartCrds(Gyre.Helm.Charts.Chart chart)
    {
        var crds = new List<KubeObject>();
        foreach (var file in chart.Crds)
        {
            try
            {
                crds.AddRange(KubeObject.ParseStream(file.Text, file.Name));
            }
            catch (ManifestException)
            {
                // A chart whose CRDs do not parse fails at render with the file named; the inventory just skips it.
            }
        }

        foreach (var dependency in chart.Dependencies)
        {
            crds.AddRange(ChartCrds(dependency));
        }

        return crds;
    }
}
