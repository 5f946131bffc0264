using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Gyre.Api.Kustomize;
using Gyre.Api.Meta;
using Gyre.Manifests;

namespace Gyre.Api.Helm;

/// <summary>helm.toolkit.fluxcd.io/v2 HelmRelease spec (helm-controller api/v2/helmrelease_types.go), the fields Gyre acts on.</summary>
public sealed record HelmReleaseSpec
{
    public const string Group = "helm.toolkit.fluxcd.io";
    public const string ApiVersion = "helm.toolkit.fluxcd.io/v2";
    public const string Kind = "HelmRelease";

    /// <summary>spec.chart: the HelmChart template; null when spec.chartRef is used.</summary>
    public HelmChartTemplate? Chart { get; init; }

    /// <summary>spec.chartRef: an existing HelmChart or OCIRepository (kind, name, namespace).</summary>
    public SourceReference? ChartRef { get; init; }

    public required TimeSpan Interval { get; init; }

    public bool Suspend { get; init; }

    public required string ReleaseName { get; init; }

    public required string TargetNamespace { get; init; }

    public required string StorageNamespace { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Revisions kept in storage; 0 keeps all (default 5).</summary>
    public int MaxHistory { get; init; } = 5;

    public string? ServiceAccountName { get; init; }

    public IReadOnlyList<DependencyReference> DependsOn { get; init; } = [];

    public JsonObject Values { get; init; } = [];

    public IReadOnlyList<ValuesReference> ValuesFrom { get; init; } = [];

    public InstallOptions Install { get; init; } = new();

    public UpgradeOptions Upgrade { get; init; } = new();

    /// <summary>spec.rollback: the rollback that upgrade remediation runs.</summary>
    public RollbackOptions Rollback { get; init; } = new();

    public bool TestEnable { get; init; }

    public bool TestIgnoreFailures { get; init; }

    public bool UninstallKeepHistory { get; init; }

    public bool UninstallDisableHooks { get; init; }

    /// <summary>spec.uninstall.deletionPropagation: background (default), foreground or orphan.</summary>
    public string UninstallDeletionPropagation { get; init; } = "background";

    /// <summary>spec.test.filters[]: test hooks to run (name) or skip (name with exclude: true), as `helm test --filter`.</summary>
    public IReadOnlyList<TestFilter> TestFilters { get; init; } = [];

    public DriftDetection DriftDetection { get; init; } = new();

    /// <summary>spec.postRenderers[]: each {kustomize: {patches, images}}, applied in order to the rendered manifest.</summary>
    public JsonArray? PostRenderers { get; init; }

    public IReadOnlyDictionary<string, string> CommonLabels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> CommonAnnotations { get; init; } = new Dictionary<string, string>();

    /// <summary>spec.kubeConfig: release to the cluster of this kubeconfig Secret instead of the controller's own.</summary>
    public KubeConfigReference? KubeConfig { get; init; }

    /// <summary>
    /// spec.persistentClient (default true): accepted and read, and a no-op: helm-controller uses it to reuse one
    /// Kubernetes client across a Helm action's steps; Gyre always keeps one client per reconcile.
    /// </summary>
    public bool PersistentClient { get; init; } = true;

    /// <summary>spec.waitStrategy.name: <see cref="Helm.WaitStrategy.Poller"/> (default) or <see cref="Helm.WaitStrategy.Legacy"/>.</summary>
    public string WaitStrategy { get; init; } = Helm.WaitStrategy.Poller;

    /// <summary>spec.healthCheckExprs[]: CEL health of the release's objects of a kind (used by the poller wait only, as Flux).</summary>
    public IReadOnlyList<CustomHealthCheck> HealthCheckExprs { get; init; } = [];

    /// <summary>spec.postRenderStrategy: combined (default), separate or nohooks.</summary>
    public string PostRenderStrategy { get; init; } = Helm.PostRenderStrategy.Combined;

    public static HelmReleaseSpec From(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var reader = new SpecReader(obj);
        var spec = reader.Spec;
        var ns = obj.Namespace ?? "default";
        var chart = spec["chart"] is JsonObject c ? HelmChartTemplate.From(reader, c, ns) : null;
        SourceReference? chartRef = null;
        if (spec["chartRef"] is JsonObject r)
        {
            var kind = reader.Required(r, "kind", "spec.chartRef.kind");
            if (kind is not ("HelmChart" or "OCIRepository"))
            {
                throw new ApiException(reader.Where, "spec.chartRef.kind", $"'{kind}' is not HelmChart or OCIRepository");
            }

            chartRef = new SourceReference(SpecReader.String(r["apiVersion"]) ?? "source.toolkit.fluxcd.io/v1", kind,
                reader.Required(r, "name", "spec.chartRef.name"), SpecReader.String(r["namespace"]) ?? ns);
        }

        if ((chart is null) == (chartRef is null))
        {
            throw new ApiException(reader.Where, "spec", "exactly one of spec.chart and spec.chartRef must be set");
        }

        var target = SpecReader.String(spec["targetNamespace"]) is { Length: > 0 } t ? t : null;
        var test = spec["test"] as JsonObject ?? [];
        var uninstall = spec["uninstall"] as JsonObject ?? [];
        var propagation = SpecReader.String(uninstall["deletionPropagation"]) is { Length: > 0 } p ? p : "background";
        if (propagation is not ("background" or "foreground" or "orphan"))
        {
            throw new ApiException(reader.Where, "spec.uninstall.deletionPropagation", $"'{propagation}' is not background, foreground or orphan");
        }

        var metadata = spec["commonMetadata"] as JsonObject;
        return new HelmReleaseSpec
        {
            Chart = chart,
            ChartRef = chartRef,
            Interval = reader.Duration(spec, "interval", "spec.interval") ?? throw new ApiException(reader.Where, "spec.interval", "is required"),
            Suspend = SpecReader.Bool(spec["suspend"]),
            ReleaseName = ReleaseNameOf(SpecReader.String(spec["releaseName"]), target, obj.Name),
            TargetNamespace = target ?? ns,
            StorageNamespace = SpecReader.String(spec["storageNamespace"]) is { Length: > 0 } s ? s : ns,
            Timeout = reader.Duration(spec, "timeout", "spec.timeout") ?? TimeSpan.FromMinutes(5),
            MaxHistory = spec["maxHistory"] is JsonValue m && Gyre.Manifests.Json.KubeNumbers.TryGetInt64(m, out var max) ? (int)max : 5,
            ServiceAccountName = SpecReader.String(spec["serviceAccountName"]),
            DependsOn = SpecReader.Objects(spec["dependsOn"])
                .Select(d => new DependencyReference(SpecReader.String(d["namespace"]) ?? ns, reader.Required(d, "name", "spec.dependsOn[].name")))
                .ToList(),
            Values = spec["values"]?.DeepClone() as JsonObject ?? [],
            ValuesFrom = SpecReader.Objects(spec["valuesFrom"]).Select(v => ValuesReference.From(reader, v)).ToList(),
            Install = InstallOptions.From(reader, spec["install"] as JsonObject ?? []),
            Upgrade = UpgradeOptions.From(reader, spec["upgrade"] as JsonObject ?? []),
            Rollback = RollbackOptions.From(reader, spec["rollback"] as JsonObject ?? []),
            TestEnable = SpecReader.Bool(test["enable"]),
            TestIgnoreFailures = SpecReader.Bool(test["ignoreFailures"]),
            UninstallKeepHistory = SpecReader.Bool(uninstall["keepHistory"]),
            UninstallDisableHooks = SpecReader.Bool(uninstall["disableHooks"]),
            UninstallDeletionPropagation = propagation,
            TestFilters = SpecReader.Objects(test["filters"])
                .Select((f, i) => new TestFilter(reader.Required(f, "name", $"spec.test.filters[{i}].name"), SpecReader.Bool(f["exclude"])))
                .ToList(),
            DriftDetection = DriftDetection.From(reader, spec["driftDetection"] as JsonObject),
            PostRenderers = spec["postRenderers"]?.DeepClone() as JsonArray,
            CommonLabels = SpecReader.StringMap(metadata?["labels"]),
            CommonAnnotations = SpecReader.StringMap(metadata?["annotations"]),
            KubeConfig = spec["kubeConfig"]?["secretRef"] is JsonObject kubeConfig
                ? new KubeConfigReference(reader.Required(kubeConfig, "name", "spec.kubeConfig.secretRef.name"), SpecReader.String(kubeConfig["key"]))
                : null,
            PersistentClient = spec["persistentClient"] is not JsonValue pc || !pc.TryGetValue<bool>(out var persistent) || persistent,
            WaitStrategy = Helm.WaitStrategy.Read(reader, spec),
            HealthCheckExprs = CustomHealthCheck.ReadAll(reader, spec["healthCheckExprs"]),
            PostRenderStrategy = Helm.PostRenderStrategy.Read(reader, spec),
        };
    }

    /// <summary>
    /// helm-controller's release name: spec.releaseName, else [targetNamespace-]name; longer than 53 characters it
    /// becomes the first 40, a dash and 12 hex of its sha256.
    /// </summary>
    public static string ReleaseNameOf(string? releaseName, string? targetNamespace, string name)
    {
        if (releaseName is { Length: > 0 })
        {
            return releaseName;
        }

        var full = targetNamespace is { Length: > 0 } ? targetNamespace + "-" + name : name;
        return full.Length <= 53 ? full : full[..40] + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..12];
    }
}
