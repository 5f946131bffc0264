using System.Text.Json.Nodes;
using Gyre.Api.Meta;

namespace Gyre.Api.Helm;

/// <summary>spec.upgrade: Helm upgrade knobs and upgrade remediation (rollback or uninstall, then retry).</summary>
public sealed record UpgradeOptions
{
    /// <summary>Skip (default), Create or CreateReplace.</summary>
    public string Crds { get; init; } = CrdsPolicy.Skip;

    public bool DisableWait { get; init; }

    public bool DisableHooks { get; init; }

    /// <summary>disableWaitForJobs: Jobs count as ready once started instead of once complete (Helm's --wait-for-jobs off).</summary>
    public bool DisableWaitForJobs { get; init; }

    /// <summary>disableSchemaValidation: values are not checked against the charts' values.schema.json.</summary>
    public bool DisableSchemaValidation { get; init; }

    /// <summary>disableOpenAPIValidation: rendered objects are applied with fieldValidation=Ignore instead of Strict.</summary>
    public bool DisableOpenApiValidation { get; init; }

    public bool Force { get; init; }

    public bool CleanupOnFail { get; init; }

    public int Retries { get; init; }

    /// <summary>Defaults to true when retries are set, as Flux does.</summary>
    public bool RemediateLastFailure { get; init; }

    /// <summary>rollback (default) or uninstall.</summary>
    public string Strategy { get; init; } = "rollback";

    public TimeSpan? Timeout { get; init; }

    /// <summary>spec.upgrade.strategy: RemediateOnFailure (default) or RetryOnFailure with retryInterval.</summary>
    public ActionStrategy FailureStrategy { get; init; } = new();

    /// <summary>spec.upgrade.preserveValues: the last release's values under the new ones (Helm's --reuse-values).</summary>
    public bool PreserveValues { get; init; }

    /// <summary>spec.upgrade.chartNameChangeStrategy: Reinstall (default) or InPlaceUpdate.</summary>
    public string ChartNameChangeStrategy { get; init; } = Reinstall;

    /// <summary>spec.upgrade.disableTakeOwnership: refuse existing objects not owned by this release instead of adopting them.</summary>
    public bool DisableTakeOwnership { get; init; }

    /// <summary>spec.upgrade.serverSideApply: enabled, disabled or auto (default).</summary>
    public string ServerSideApply { get; init; } = ServerSideApplyMode.Auto;

    public const string Reinstall = "Reinstall";
    public const string InPlaceUpdate = "InPlaceUpdate";

    internal static UpgradeOptions From(SpecReader reader, JsonObject json)
    {
        var remediation = json["remediation"] as JsonObject ?? [];
        var retries = remediation["retries"] is JsonValue r && Gyre.Manifests.Json.KubeNumbers.TryGetInt64(r, out var n) ? (int)n : 0;
        var strategy = SpecReader.String(remediation["strategy"]) ?? "rollback";
        if (strategy is not ("rollback" or "uninstall"))
        {
            throw new ApiException(reader.Where, "spec.upgrade.remediation.strategy", $"'{strategy}' is not rollback or uninstall");
        }

        return new UpgradeOptions
        {
            Crds = CrdsPolicy.Read(reader, json, "spec.upgrade.crds", CrdsPolicy.Skip, false),
            DisableWait = SpecReader.Bool(json["disableWait"]),
            DisableHooks = SpecReader.Bool(json["disableHooks"]),
            DisableWaitForJobs = SpecReader.Bool(json["disableWaitForJobs"]),
            DisableSchemaValidation = SpecReader.Bool(json["disableSchemaValidation"]),
            DisableOpenApiValidation = SpecReader.Bool(json["disableOpenAPIValidation"]),
            Force = SpecReader.Bool(json["force"]),
            CleanupOnFail = SpecReader.Bool(json["cleanupOnFail"]),
            Retries = retries,
            RemediateLastFailure = remediation["remediateLastFailure"] is JsonValue l && l.TryGetValue<bool>(out var last) ? last : retries != 0,
            Strategy = strategy,
            Timeout = reader.Duration(json, "timeout", "spec.upgrade.timeout"),
            FailureStrategy = ActionStrategy.From(reader, json, "spec.upgrade.strategy"),
            PreserveValues = SpecReader.Bool(json["preserveValues"]),
            ChartNameChangeStrategy = SpecReader.String(json["chartNameChangeStrategy"]) is { Length: > 0 } change
                ? change is Reinstall or InPlaceUpdate ? change : throw new ApiException(reader.Where, "spec.upgrade.chartNameChangeStrategy", $"'{change}' is not Reinstall or InPlaceUpdate")
                : Reinstall,
            DisableTakeOwnership = SpecReader.Bool(json["disableTakeOwnership"]),
            ServerSideApply = ServerSideApplyMode.Read(reader, json, "spec.upgrade.serverSideApply"),
        };
    }
}
