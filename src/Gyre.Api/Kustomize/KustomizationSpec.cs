using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Manifests;

namespace Gyre.Api.Kustomize;

/// <summary>
/// kustomize.toolkit.fluxcd.io/v1 Kustomization spec (v1beta2 objects read the same way). The kustomize overlay fields
/// (patches, images, components, commonMetadata) stay JSON: they are written into kustomization.yaml as they are.
/// </summary>
public sealed record KustomizationSpec
{
    public const string Group = "kustomize.toolkit.fluxcd.io";
    public const string Kind = "Kustomization";

    public required SourceReference SourceRef { get; init; }

    public string Path { get; init; } = "./";

    public required TimeSpan Interval { get; init; }

    public TimeSpan? RetryInterval { get; init; }

    public TimeSpan? Timeout { get; init; }

    public required bool Prune { get; init; }

    public DeletionPolicy DeletionPolicy { get; init; }

    public IReadOnlyList<DependencyReference> DependsOn { get; init; } = [];

    /// <summary>spec.dependsOn[].readyExpr by dependency (CEL over self and dep), replacing the built-in readiness check.</summary>
    public IReadOnlyDictionary<DependencyReference, string> ReadyExprs { get; init; } = new Dictionary<DependencyReference, string>();

    public IReadOnlyList<ObjectKindReference> HealthChecks { get; init; } = [];

    public IReadOnlyList<CustomHealthCheck> HealthCheckExprs { get; init; } = [];

    /// <summary>spec.kubeConfig: apply to the cluster of this kubeconfig Secret instead of the controller's own.</summary>
    public KubeConfigReference? KubeConfig { get; init; }

    public bool IgnoreMissingComponents { get; init; }

    public IReadOnlyList<IgnoreRule> Ignore { get; init; } = [];

    public bool Wait { get; init; }

    public bool Force { get; init; }

    public bool Suspend { get; init; }

    public string? TargetNamespace { get; init; }

    public string? NamePrefix { get; init; }

    public string? NameSuffix { get; init; }

    public IReadOnlyDictionary<string, string> CommonLabels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> CommonAnnotations { get; init; } = new Dictionary<string, string>();

    public JsonArray? Patches { get; init; }

    public JsonArray? Images { get; init; }

    public IReadOnlyList<string> Components { get; init; } = [];

    public PostBuildSpec? PostBuild { get; init; }

    /// <summary>spec.decryption.secretRef.name when spec.decryption is set (provider sops).</summary>
    public string? DecryptionSecret { get; init; }

    public bool DecryptionEnabled { get; init; }

    public string? ServiceAccountName { get; init; }

    /// <summary>The effective timeout, as kustomize-controller's GetTimeout: spec.timeout, else max(interval − 30s, 30s).</summary>
    public TimeSpan EffectiveTimeout => Timeout ?? (Interval - TimeSpan.FromSeconds(30) > TimeSpan.FromSeconds(30) ? Interval - TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(30));

    /// <summary>spec.retryInterval, else spec.interval.</summary>
    public TimeSpan EffectiveRetryInterval => RetryInterval ?? Interval;

    public static KustomizationSpec From(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var reader = new SpecReader(obj);
        var spec = reader.Spec;
        var ns = obj.Namespace ?? string.Empty;
        var source = spec["sourceRef"] as JsonObject ?? throw new ApiException(reader.Where, "spec.sourceRef", "is required");
        var sourceKind = reader.Required(source, "kind", "spec.sourceRef.kind");
        if (sourceKind is not ("GitRepository" or "OCIRepository" or "Bucket" or "ExternalArtifact"))
        {
            throw new ApiException(reader.Where, "spec.sourceRef.kind", $"'{sourceKind}' is not one of GitRepository, OCIRepository, Bucket, ExternalArtifact");
        }

        var metadata = spec["commonMetadata"] as JsonObject;
        var postBuild = spec["postBuild"] as JsonObject;
        var decryption = spec["decryption"] as JsonObject;
        if (decryption is not null && SpecReader.String(decryption["provider"]) is { } provider && provider != "sops")
        {
            throw new ApiException(reader.Where, "spec.decryption.provider", $"'{provider}' is not supported; the only provider is sops");
        }

        return new KustomizationSpec
        {
            SourceRef = new SourceReference(
                SpecReader.String(source["apiVersion"]) ?? "source.toolkit.fluxcd.io/v1",
                sourceKind,
                reader.Required(source, "name", "spec.sourceRef.name"),
                SpecReader.String(source["namespace"]) ?? ns),
            Path = SpecReader.String(spec["path"]) ?? "./",
            Interval = reader.Duration(spec, "interval", "spec.interval") ?? throw new ApiException(reader.Where, "spec.interval", "is required"),
            RetryInterval = reader.Duration(spec, "retryInterval", "spec.retryInterval"),
            Timeout = reader.Duration(spec, "timeout", "spec.timeout"),
            Prune = SpecReader.Bool(spec["prune"]),
            DeletionPolicy = ReadDeletionPolicy(reader, spec),
            DependsOn = SpecReader.Objects(spec["dependsOn"])
                .Select((d, i) => new DependencyReference(SpecReader.String(d["namespace"]) ?? ns, reader.Required(d, "name", $"spec.dependsOn[{i}].name")))
                .ToList(),
            ReadyExprs = SpecReader.Objects(spec["dependsOn"])
                .Where(d => SpecReader.String(d["readyExpr"]) is { Length: > 0 })
                .GroupBy(d => new DependencyReference(SpecReader.String(d["namespace"]) ?? ns, SpecReader.String(d["name"]) ?? string.Empty))
                .ToDictionary(g => g.Key, g => SpecReader.String(g.Last()["readyExpr"])!),
            HealthCheckExprs = CustomHealthCheck.ReadAll(reader, spec["healthCheckExprs"]),
            KubeConfig = spec["kubeConfig"]?["secretRef"] is JsonObject kubeConfig
                ? new KubeConfigReference(reader.Required(kubeConfig, "name", "spec.kubeConfig.secretRef.name"), SpecReader.String(kubeConfig["key"]))
                : null,
            IgnoreMissingComponents = SpecReader.Bool(spec["ignoreMissingComponents"]),
            Ignore = SpecReader.Objects(spec["ignore"]).Select(rule => new IgnoreRule(
                SpecReader.Strings(rule["paths"]),
                rule["target"] is JsonObject t
                    ? new ObjectSelector(SpecReader.String(t["group"]), SpecReader.String(t["version"]), SpecReader.String(t["kind"]), SpecReader.String(t["name"]),
                        SpecReader.String(t["namespace"]), SpecReader.String(t["labelSelector"]), SpecReader.String(t["annotationSelector"]))
                    : new ObjectSelector(null, null, null, null, null, null, null))).ToList(),
            HealthChecks = SpecReader.Objects(spec["healthChecks"])
                .Select((h, i) => new ObjectKindReference(
                    SpecReader.String(h["apiVersion"]) ?? string.Empty,
                    reader.Required(h, "kind", $"spec.healthChecks[{i}].kind"),
                    reader.Required(h, "name", $"spec.healthChecks[{i}].name"),
                    SpecReader.String(h["namespace"])))
                .ToList(),
            Wait = SpecReader.Bool(spec["wait"]),
            Force = SpecReader.Bool(spec["force"]),
            Suspend = SpecReader.Bool(spec["suspend"]),
            TargetNamespace = SpecReader.String(spec["targetNamespace"]),
            NamePrefix = SpecReader.String(spec["namePrefix"]),
            NameSuffix = SpecReader.String(spec["nameSuffix"]),
            CommonLabels = SpecReader.StringMap(metadata?["labels"]),
            CommonAnnotations = SpecReader.StringMap(metadata?["annotations"]),
            Patches = spec["patches"] as JsonArray,
            Images = spec["images"] as JsonArray,
            Components = SpecReader.Strings(spec["components"]),
            PostBuild = postBuild is null ? null : ReadPostBuild(reader, postBuild),
            DecryptionEnabled = decryption is not null,
            DecryptionSecret = SpecReader.String(decryption?["secretRef"]?["name"]),
            ServiceAccountName = SpecReader.String(spec["serviceAccountName"]),
        };
    }

    private static DeletionPolicy ReadDeletionPolicy(SpecReader reader, JsonObject spec) => SpecReader.String(spec["deletionPolicy"]) switch
    {
        null or "MirrorPrune" => DeletionPolicy.MirrorPrune,
        "Delete" => DeletionPolicy.Delete,
        "WaitForTermination" => DeletionPolicy.WaitForTermination,
        "Orphan" => DeletionPolicy.Orphan,
        var other => throw new ApiException(reader.Where, "spec.deletionPolicy", $"'{other}' is not one of MirrorPrune, Delete, WaitForTermination, Orphan"),
    };

    private static PostBuildSpec ReadPostBuild(SpecReader reader, JsonObject postBuild)
    {
        var from = SpecReader.Objects(postBuild["substituteFrom"]).Select((s, i) =>
        {
            var kind = reader.Required(s, "kind", $"spec.postBuild.substituteFrom[{i}].kind");
            if (kind is not ("ConfigMap" or "Secret"))
            {
                throw new ApiException(reader.Where, $"spec.postBuild.substituteFrom[{i}].kind", $"'{kind}' is not ConfigMap or Secret");
            }

            return new SubstituteReference(kind, reader.Required(s, "name", $"spec.postBuild.substituteFrom[{i}].name"), SpecReader.Bool(s["optional"]));
        }).ToList();
        return new PostBuildSpec(SpecReader.StringMap(postBuild["substitute"]), from)
        {
            Always = SpecReader.String(postBuild["substituteStrategy"]) == "Always",
        };
    }
}
