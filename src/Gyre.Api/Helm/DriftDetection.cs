using System.Text.Json.Nodes;
using Gyre.Api.Kustomize;
using Gyre.Api.Meta;

namespace Gyre.Api.Helm;

/// <summary>
/// spec.driftDetection: after the release is in sync, its objects are compared with the cluster (server-side apply
/// dry-run); <c>warn</c> reports drift, <c>enabled</c> also corrects it, <c>disabled</c> (default) skips the check.
/// ignore[] rules leave JSON-pointer paths of the selected objects to the cluster.
/// </summary>
public sealed record DriftDetection
{
    public const string Enabled = "enabled";
    public const string Warn = "warn";
    public const string Disabled = "disabled";

    public string Mode { get; init; } = Disabled;

    public IReadOnlyList<IgnoreRule> Ignore { get; init; } = [];

    internal static DriftDetection From(SpecReader reader, JsonObject? json)
    {
        if (json is null)
        {
            return new DriftDetection();
        }

        var mode = SpecReader.String(json["mode"]) is { Length: > 0 } m ? m : Disabled;
        if (mode is not (Enabled or Warn or Disabled))
        {
            throw new ApiException(reader.Where, "spec.driftDetection.mode", $"'{mode}' is not enabled, warn or disabled");
        }

        return new DriftDetection
        {
            Mode = mode,
            Ignore = SpecReader.Objects(json["ignore"]).Select((rule, i) => new IgnoreRule(
                SpecReader.Strings(rule["paths"]) is { Count: > 0 } paths ? paths : throw new ApiException(reader.Where, $"spec.driftDetection.ignore[{i}].paths", "is required"),
                rule["target"] is JsonObject t
                    ? new ObjectSelector(SpecReader.String(t["group"]), SpecReader.String(t["version"]), SpecReader.String(t["kind"]), SpecReader.String(t["name"]),
                        SpecReader.String(t["namespace"]), SpecReader.String(t["labelSelector"]), SpecReader.String(t["annotationSelector"]))
                    : new ObjectSelector(null, null, null, null, null, null, null))).ToList(),
        };
    }
}
