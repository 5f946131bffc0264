using System.Text.Json.Nodes;
using Gyre.Api.Meta;

namespace Gyre.Api.Kustomize;

/// <summary>
/// spec.healthCheckExprs[]: CEL expressions computing the health of every object of one kind (matched by the group
/// of <paramref name="ApiVersion"/> and <paramref name="Kind"/>); <paramref name="Current"/> is required. The same
/// field on a Kustomization and (Flux 2.8) a HelmRelease.
/// </summary>
public sealed record CustomHealthCheck(string ApiVersion, string Kind, string Current, string? InProgress, string? Failed)
{
    /// <summary>Reads spec.healthCheckExprs; apiVersion, kind and current are required in each entry.</summary>
    internal static IReadOnlyList<CustomHealthCheck> ReadAll(SpecReader reader, JsonNode? node) =>
        SpecReader.Objects(node)
            .Select((h, i) => new CustomHealthCheck(
                reader.Required(h, "apiVersion", $"spec.healthCheckExprs[{i}].apiVersion"),
                reader.Required(h, "kind", $"spec.healthCheckExprs[{i}].kind"),
                reader.Required(h, "current", $"spec.healthCheckExprs[{i}].current"),
                SpecReader.String(h["inProgress"]),
                SpecReader.String(h["failed"])))
            .ToList();
}
