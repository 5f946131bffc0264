using System.Text.Json.Nodes;
using Gyre.Api.Meta;

namespace Gyre.Api.Helm;

/// <summary>
/// spec.rollback: the knobs of the Helm rollback that upgrade remediation (strategy rollback) runs. recreate is
/// accepted and does nothing, as in Flux 2.8 on Helm 4 (pods are not restarted by a rollback).
/// </summary>
public sealed record RollbackOptions
{
    public TimeSpan? Timeout { get; init; }

    public bool DisableWait { get; init; }

    public bool DisableWaitForJobs { get; init; }

    public bool DisableHooks { get; init; }

    /// <summary>Recreate an object whose immutable fields differ (Helm's --force).</summary>
    public bool Force { get; init; }

    /// <summary>Delete the objects a failed rollback created.</summary>
    public bool CleanupOnFail { get; init; }

    /// <summary>Deprecated, no effect (Helm 4 removed pod restarts on rollback).</summary>
    public bool Recreate { get; init; }

    /// <summary>enabled, disabled or auto (default).</summary>
    public string ServerSideApply { get; init; } = ServerSideApplyMode.Auto;

    internal static RollbackOptions From(SpecReader reader, JsonObject json) => new()
    {
        Timeout = reader.Duration(json, "timeout", "spec.rollback.timeout"),
        DisableWait = SpecReader.Bool(json["disableWait"]),
        DisableWaitForJobs = SpecReader.Bool(json["disableWaitForJobs"]),
        DisableHooks = SpecReader.Bool(json["disableHooks"]),
        Force = SpecReader.Bool(json["force"]),
        CleanupOnFail = SpecReader.Bool(json["cleanupOnFail"]),
        Recreate = SpecReader.Bool(json["recreate"]),
        ServerSideApply = ServerSideApplyMode.Read(reader, json, "spec.rollback.serverSideApply"),
    };
}
