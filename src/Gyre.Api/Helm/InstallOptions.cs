using System.Text.Json.Nodes;
using Gyre.Api.Meta;

namespace Gyre.Api.Helm;

/// <summary>spec.install: Helm install knobs and install remediation (uninstall, then retry).</summary>
public sealed record InstallOptions
{
    public bool CreateNamespace { get; init; }

    /// <summary>Skip, Create (default) or CreateReplace.</summary>
    public string Crds { get; init; } = CrdsPolicy.Create;

    public bool DisableWait { get; init; }

    public bool DisableHooks { get; init; }

    /// <summary>disableWaitForJobs: Jobs count as ready once started instead of once complete (Helm's --wait-for-jobs off).</summary>
    public bool DisableWaitForJobs { get; init; }

    /// <summary>disableSchemaValidation: values are not checked against the charts' values.schema.json.</summary>
    public bool DisableSchemaValidation { get; init; }

    /// <summary>disableOpenAPIValidation: rendered objects are applied with fieldValidation=Ignore instead of Strict.</summary>
    public bool DisableOpenApiValidation { get; init; }

    /// <summary>remediation.retries: 0 by default; negative retries forever.</summary>
    public int Retries { get; init; }

    public bool RemediateLastFailure { get; init; }

    public TimeSpan? Timeout { get; init; }

    /// <summary>spec.install.strategy: RemediateOnFailure (default) or RetryOnFailure with retryInterval.</summary>
    public ActionStrategy FailureStrategy { get; init; } = new();

    /// <summary>spec.install.replace: reuse the name of an uninstalled (history kept) or failed release.</summary>
    public bool Replace { get; init; }

    /// <summary>spec.install.disableTakeOwnership: refuse existing objects not owned by this release instead of adopting them.</summary>
    public bool DisableTakeOwnership { get; init; }

    /// <summary>spec.install.serverSideApply (default true): false writes objects as Helm 3 did (see ServerSideApplyMode).</summary>
    public bool ServerSideApply { get; init; } = true;

    internal static InstallOptions From(SpecReader reader, JsonObject json)
    {
        var remediation = json["remediation"] as JsonObject ?? [];
        return new InstallOptions
        {
            CreateNamespace = SpecReader.Bool(json["createNamespace"]),
            Crds = CrdsPolicy.Read(reader, json, "spec.install.crds", CrdsPolicy.Create, SpecReader.Bool(json["skipCRDs"])),
            DisableWait = SpecReader.Bool(json["disableWait"]),
            DisableHooks = SpecReader.Bool(json["disableHooks"]),
            DisableWaitForJobs = SpecReader.Bool(json["disableWaitForJobs"]),
            DisableSchemaValidation = SpecReader.Bool(json["disableSchemaValidation"]),
            DisableOpenApiValidation = SpecReader.Bool(json["disableOpenAPIValidation"]),
            Retries = remediation["retries"] is JsonValue r && Gyre.Manifests.Json.KubeNumbers.TryGetInt64(r, out var retries) ? (int)retries : 0,
            RemediateLastFailure = SpecReader.Bool(remediation["remediateLastFailure"]),
            Timeout = reader.Duration(json, "timeout", "spec.install.timeout"),
            FailureStrategy = ActionStrategy.From(reader, json, "spec.install.strategy"),
            Replace = SpecReader.Bool(json["replace"]),
            DisableTakeOwnership = SpecReader.Bool(json["disableTakeOwnership"]),
            ServerSideApply = ServerSideApplyMode.ReadInstall(reader, json),
        };
    }
}
