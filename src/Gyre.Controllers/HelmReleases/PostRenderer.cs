using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Gyre.Api.Helm;
using Gyre.Controllers.Kustomizations;
using Gyre.Kustomize;
using Gyre.Kustomize.FileSystem;
using Gyre.Manifests;
using Gyre.Manifests.Yaml;

namespace Gyre.Controllers.HelmReleases;

/// <summary>
/// helm-controller's post-renderers on the rendered release: each spec.postRenderers[].kustomize (patches, strategic
/// merge or JSON 6902 with a target, and images) in order, then spec.commonMetadata (labels on objects and pod
/// templates, not selectors, and annotations), each one a kustomize build of the objects on Gyre.Kustomize. What goes
/// through them follows spec.postRenderStrategy, as Helm 4.2 does: combined (default) the templates and hooks as one
/// stream, separate the templates and then the hooks as two runs (a patch must then apply to each), nohooks the
/// templates only. Every object keeps its template path and hook/manifest place.
/// </summary>
internal static class PostRenderer
{
    private const string Origin = "gyre.io/post-render-origin";
    private const string Input = "/post-render/helm-output.yaml";

    public static bool IsNeeded(HelmReleaseSpec spec) =>
        spec.PostRenderers is { Count: > 0 } || spec.CommonLabels.Count > 0 || spec.CommonAnnotations.Count > 0;

    /// <summary>sha256 of spec.postRenderers as JSON (status.observedPostRenderersDigest); null when there are none.</summary>
    public static string? Digest(HelmReleaseSpec spec) => spec.PostRenderers is { Count: > 0 } list ? Sha256(list.ToJsonString()) : null;

    /// <summary>sha256 of spec.commonMetadata (status.observedCommonMetadataDigest); null when it is empty.</summary>
    public static string? CommonMetadataDigest(HelmReleaseSpec spec) =>
        spec.CommonLabels.Count == 0 && spec.CommonAnnotations.Count == 0
            ? null
            : Sha256(new JsonObject { ["labels"] = Map(spec.CommonLabels), ["annotations"] = Map(spec.CommonAnnotations) }.ToJsonString());

    /// <summary>The post-rendered manifest documents and hook objects (same count of hooks, in the same order).</summary>
    public static (IReadOnlyList<ManifestDocument> Manifest, IReadOnlyList<KubeObject> Hooks) Run(
        HelmReleaseSpec spec, IReadOnlyList<ManifestDocument> manifest, IReadOnlyList<KubeObject> hooks, CancellationToken cancellationToken)
    {
        var templates = manifest.Select((d, i) => Tag(d.Object, "m" + i)).ToList();
        var taggedHooks = hooks.Select((h, i) => Tag(h, "h" + i)).ToList();
        // A patch may replace the annotations (and with them the tag): such an object is placed by its identity.
        var byIdentity = new Dictionary<(string, string, string?), string>();
        foreach (var tagged in templates.Concat(taggedHooks))
        {
            byIdentity.TryAdd((tagged.Kind, tagged.Name, tagged.Namespace), tagged.GetAnnotation(Origin)!);
        }

        List<KubeObject> objects = spec.PostRenderStrategy switch
        {
            PostRenderStrategy.NoHooks => Pipeline(spec, templates, cancellationToken), // hooks stay as rendered
            PostRenderStrategy.Separate => [.. Pipeline(spec, templates, cancellationToken), .. taggedHooks.Count == 0 ? [] : Pipeline(spec, taggedHooks, cancellationToken)],
            _ => Pipeline(spec, [.. templates, .. taggedHooks], cancellationToken),
        };
        var rendered = new List<ManifestDocument>();
        var renderedHooks = new KubeObject?[hooks.Count];
        foreach (var obj in objects)
        {
            var origin = obj.GetAnnotation(Origin) ?? byIdentity.GetValueOrDefault((obj.Kind, obj.Name, obj.Namespace)) ?? string.Empty;
            var clean = Untag(obj);
            if (origin.StartsWith('h') && int.TryParse(origin.AsSpan(1), out var hook) && hook < hooks.Count)
            {
                renderedHooks[hook] = clean;
            }
            else
            {
                var source = origin.StartsWith('m') && int.TryParse(origin.AsSpan(1), out var index) && index < manifest.Count ? manifest[index].Source : "post-renderer";
                rendered.Add(new ManifestDocument(source, clean));
            }
        }

        return (rendered, renderedHooks.Select((h, i) => h ?? hooks[i]).ToList());
    }

    /// <summary>spec.postRenderers then spec.commonMetadata over one stream of objects.</summary>
    private static List<KubeObject> Pipeline(HelmReleaseSpec spec, List<KubeObject> objects, CancellationToken cancellationToken)
    {
        var step = 0;
        foreach (var renderer in (spec.PostRenderers ?? []).OfType<JsonObject>())
        {
            if (renderer["kustomize"] is JsonObject kustomize)
            {
                var kustomization = new JsonObject { ["resources"] = new JsonArray("helm-output.yaml") };
                Copy(kustomize, kustomization, "patches");
                Copy(kustomize, kustomization, "images");
                objects = Build(objects, kustomization, $"spec.postRenderers[{step}].kustomize", cancellationToken);
            }

            step++;
        }

        if (spec.CommonLabels.Count > 0 || spec.CommonAnnotations.Count > 0)
        {
            var kustomization = new JsonObject { ["resources"] = new JsonArray("helm-output.yaml") };
            if (spec.CommonLabels.Count > 0)
            {
                kustomization["labels"] = new JsonArray(new JsonObject { ["pairs"] = Map(spec.CommonLabels), ["includeSelectors"] = false, ["includeTemplates"] = true });
            }

            if (spec.CommonAnnotations.Count > 0)
            {
                kustomization["commonAnnotations"] = Map(spec.CommonAnnotations);
            }

            objects = Build(objects, kustomization, "spec.commonMetadata", cancellationToken);
        }

        return objects;
    }

    private static List<KubeObject> Build(List<KubeObject> objects, JsonObject kustomization, string where, CancellationToken cancellationToken)
    {
        var files = new InMemoryFileSystem();
        files.AddFile(Input, string.Concat(objects.Select(o => "---\n" + YamlWriter.Write(o.Json))));
        files.AddFile("/post-render/kustomization.yaml", YamlWriter.Write(kustomization));
        try
        {
            var yaml = new Kustomizer(files).Build("/post-render", cancellationToken).Yaml;
            return YamlReader.ReadDocuments(yaml, where).Select(d => d.Root).OfType<JsonObject>().Select(o => new KubeObject(o)).ToList();
        }
        catch (KustomizeException ex)
        {
            throw new ReconcileStepException(Api.Meta.Reasons.ReconciliationFailed, $"{where}: post-render failed: {ex.Message}", ex);
        }
    }

    private static KubeObject Tag(KubeObject obj, string origin)
    {
        var json = (JsonObject)obj.Json.DeepClone();
        var metadata = json["metadata"] as JsonObject ?? (JsonObject)(json["metadata"] = new JsonObject());
        var annotations = metadata["annotations"] as JsonObject ?? (JsonObject)(metadata["annotations"] = new JsonObject());
        annotations[Origin] = origin;
        return new KubeObject(json);
    }

    private static KubeObject Untag(KubeObject obj)
    {
        if (obj.Json["metadata"]?["annotations"] is JsonObject annotations)
        {
            annotations.Remove(Origin);
            if (annotations.Count == 0)
            {
                ((JsonObject)obj.Json["metadata"]!).Remove("annotations");
            }
        }

        return obj;
    }

    private static void Copy(JsonObject from, JsonObject to, string key)
    {
        if (from[key] is JsonArray { Count: > 0 } list)
        {
            to[key] = list.DeepClone();
        }
    }

    private static JsonObject Map(IReadOnlyDictionary<string, string> map) => new(map.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))));

    private static string Sha256(string text) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
