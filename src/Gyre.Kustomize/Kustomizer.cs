using System.Text;
using Gyre.Kustomize.Build;
using Gyre.Kustomize.FileSystem;
using Gyre.Kustomize.Generators;
using Gyre.Kustomize.Resources;
using Gyre.Kustomize.Transformers;
using Gyre.Kustomize.Yaml;

namespace Gyre.Kustomize;

/// <summary>
/// Builds a kustomization directory into the YAML stream `kubectl kustomize` (kustomize v5.5) prints, byte for byte
/// (kustomize's krusty.Kustomizer.Run).
/// </summary>
public sealed class Kustomizer
{
    private const string ManagedByLabel = "app.kubernetes.io/managed-by";
    // kubectl's embedded kustomize reports its provenance version as "(devel)".
    private const string ManagedByValue = "kustomize-(devel)";

    private readonly IKustomizeFileSystem _fileSystem;
    private readonly KustomizeOptions _options;

    public Kustomizer(IKustomizeFileSystem fileSystem, KustomizeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        _fileSystem = fileSystem;
        _options = options ?? new KustomizeOptions();
    }

    /// <summary>Builds the kustomization in directory (an absolute path in the file system).</summary>
    public KustomizeResult Build(string directory, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var root = PathText.Clean(directory);
        if (!_fileSystem.IsDirectory(root))
        {
            throw new KustomizeException(root, null, null, $"'{root}' is not a directory; pass the directory that holds kustomization.yaml");
        }

        using var session = new BuildSession(_fileSystem, _options, cancellationToken);
        var target = KustTarget.Load(session, root);
        session.RecordTransformations = target.Kustomization.Strings("buildMetadata").Contains("transformerAnnotations");
        session.InProgress.Push(root);
        var (resources, config) = target.AccumulateTarget();

        // As kustomize: hashes, back references and vars only once, after every layer has been applied.
        foreach (var resource in resources.Items.Where(r => r.NeedsHashSuffix))
        {
            resource.SetName(resource.Name + "-" + ContentHash.Compute(resource.Node));
        }

        NameReferenceTransformer.Apply(resources, config);
        VarSubstitution.Apply(resources, target.Vars, config);
        Sort(resources, target.Kustomization);
        var buildMetadata = target.Kustomization.Strings("buildMetadata");
        if (buildMetadata.Contains("managedByLabel"))
        {
            foreach (var resource in resources.Items)
            {
                var labels = resource.Node.GetOrCreateMapping("metadata").GetOrCreateMapping("labels");
                labels.Set(ManagedByLabel, YamlNode.String(ManagedByValue));
            }
        }

        if (buildMetadata.Contains("originAnnotations"))
        {
            foreach (var resource in resources.Items)
            {
                AddOrigin(resource, root, session);
            }
        }

        if (buildMetadata.Contains("transformerAnnotations"))
        {
            foreach (var resource in resources.Items.Where(r => r.Transformations.Count > 0))
            {
                AddTransformations(resource, root);
            }
        }

        foreach (var resource in resources.Items)
        {
            StringifyAnnotations(resource.Node);
        }

        return new KustomizeResult(Print(resources), session.Warnings, resources.Count);
    }

    /// <summary>config.kubernetes.io/origin as kustomize writes it: the source file, or the generator, relative to the root.</summary>
    private static void AddOrigin(Resource resource, string root, BuildSession session)
    {
        // Inside a cloned repository kustomize names the repository and ref, with paths relative to its top.
        var file = resource.GeneratedBy?.File ?? resource.Source;
        var checkout = session.CheckoutOf(file);
        var relative = checkout is { } c ? PathText.Relative(c.Directory, file) : PathText.Relative(root, file);
        var repo = checkout is { } r ? $"repo: {r.Spec.CloneUrl}\n" + (r.Spec.Ref.Length > 0 ? $"ref: {r.Spec.Ref}\n" : "") : "";
        var origin = resource.GeneratedBy is { } generated
            ? $"{repo}configuredIn: {relative}\nconfiguredBy:\n  apiVersion: builtin\n  kind: {generated.Kind}\n"
            : $"path: {relative}\n{repo}";
        resource.Node.GetOrCreateMapping("metadata").GetOrCreateMapping("annotations").Set("config.kubernetes.io/origin", YamlNode.String(origin));
    }

    /// <summary>alpha.config.kubernetes.io/transformations as kustomize writes it: each transformer run, in order.</summary>
    private static void AddTransformations(Resource resource, string root)
    {
        var text = new StringBuilder();
        foreach (var t in resource.Transformations)
        {
            text.Append("- configuredIn: ").Append(PathText.Relative(root, t.File)).Append('\n')
                .Append("  configuredBy:\n    apiVersion: builtin\n    kind: ").Append(t.Kind).Append('\n');
            if (t.Name is { Length: > 0 } name)
            {
                text.Append("    name: ").Append(name).Append('\n');
            }
        }

        resource.Node.GetOrCreateMapping("metadata").GetOrCreateMapping("annotations")
            .Set("alpha.config.kubernetes.io/transformations", YamlNode.String(text.ToString()));
    }

    /// <summary>
    /// kustomize ends every build by rewriting non-empty annotations without its build annotations
    /// (RemoveBuildAnnotations → SetAnnotations), which turns each value into the string of its source text.
    /// </summary>
    private static void StringifyAnnotations(YamlNode node)
    {
        var metadata = node.Get("metadata");
        if (metadata?.Get("annotations") is not { IsMapping: true } annotations || annotations.Content.Count == 0)
        {
            // As kustomize's output shows: empty or null annotations disappear (labels: {} stays).
            if (metadata?.Get("annotations") is { } empty && (empty.IsNull || empty.IsMapping))
            {
                metadata.Remove("annotations");
            }

            return;
        }

        for (var i = 1; i < annotations.Content.Count; i += 2)
        {
            var value = annotations.Content[i];
            if (value.IsScalar)
            {
                annotations.Content[i] = YamlNode.String(value.Value);
            }
        }
    }

    private static void Sort(ResourceList resources, Kustomization kustomization)
    {
        var sortOptions = kustomization.Get("sortOptions");
        var order = sortOptions?.GetString("order");
        if (order == "fifo")
        {
            return;
        }

        if (order is not (null or "legacy"))
        {
            throw new KustomizeException(kustomization.File, null, "sortOptions.order", $"the field 'sortOptions.order' must be one of [legacy, fifo], got '{order}'");
        }

        var legacy = sortOptions?.Get("legacySortOptions");
        var first = legacy?.Get("orderFirst")?.Content.Select(n => n.Value).ToList() ?? [.. LegacySortOrder.DefaultFirst];
        var last = legacy?.Get("orderLast")?.Content.Select(n => n.Value).ToList() ?? [.. LegacySortOrder.DefaultLast];
        resources.Reorder(LegacySortOrder.Sort(resources.Items, first, last));
    }

    private static string Print(ResourceList resources)
    {
        var output = new StringBuilder();
        foreach (var resource in resources.Items)
        {
            if (output.Length > 0)
            {
                output.Append("---\n");
            }

            YamlPrinter.WriteDocument(resource.Node, output);
        }

        return output.ToString();
    }
}
