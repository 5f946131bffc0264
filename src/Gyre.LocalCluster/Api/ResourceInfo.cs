namespace Gyre.LocalCluster.Api;

/// <summary>
/// What the API server knows about one resource: the row of discovery (group, version, kind, plural, scope, verbs,
/// short names, categories) plus the subresources it serves, as kube-apiserver's APIResource does.
/// </summary>
internal sealed record ResourceInfo(
    string Group,
    string Version,
    string Kind,
    string Plural,
    bool Namespaced,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Categories,
    bool HasStatus,
    bool HasScale)
{
    /// <summary>Verbs every stored resource supports, in the order kube-apiserver lists them.</summary>
    public static readonly IReadOnlyList<string> AllVerbs =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public string Singular => Kind.ToLowerInvariant();

    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary>The storage key shared by all versions of a resource: "plural.group" ("configmaps" for core).</summary>
    public string StorageKey => Group.Length == 0 ? Plural : Plural + "." + Group;

    /// <summary>The group-qualified resource name used in error messages ("deployments.apps").</summary>
    public string QualifiedName => StorageKey;

    /// <summary>The JSON path of the scale subresource's replicas (CRDs may override).</summary>
    public string SpecReplicasPath { get; init; } = ".spec.replicas";

    public string StatusReplicasPath { get; init; } = ".status.replicas";

    public string? LabelSelectorPath { get; init; } = ".status.selector";

    /// <summary>Printer columns for CRDs (additionalPrinterColumns); built-in kinds use <see cref="Objects.TableColumns"/>.</summary>
    public IReadOnlyList<PrinterColumn> PrinterColumns { get; init; } = [];

    /// <summary>The CRD version's schema (openAPIV3Schema), when this resource is a custom resource.</summary>
    public System.Text.Json.Nodes.JsonObject? Schema { get; init; }

    public bool IsCustom { get; init; }

    /// <summary>A create-only review resource (SelfSubjectAccessReview): answered, never stored.</summary>
    public bool IsReview { get; init; }

    public IReadOnlyList<string> Verbs => IsReview ? ["create"] : AllVerbs;

    /// <summary>Whether this version is the storage version (for CRDs); built-ins store one version.</summary>
    public bool Storage { get; init; } = true;
}
