using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Api.Source;
using Gyre.Manifests;
using Gyre.Sources.Git;

namespace Gyre.Controllers.GitRepositories;

/// <summary>
/// The include and verify parts of a successful GitRepository status, as source-controller writes them:
/// includedArtifacts, observedInclude, sourceVerificationMode and the SourceVerified condition.
/// </summary>
internal static class GitRepositoryStatusFields
{
    public static void Write(JsonObject status, ConditionSet conditions, KubeObject obj, GitRepositorySpec spec, GitRepositoryResult result, DateTimeOffset now)
    {
        if (spec.VerifyMode is { } mode)
        {
            conditions.Set(ConditionTypes.SourceVerified, ConditionStatus.True, Reasons.Succeeded,
                result.VerificationMessage ?? $"verified signature of revision {result.Artifact.Revision}", obj.Generation, now);
            status["sourceVerificationMode"] = mode;
        }
        else
        {
            conditions.Remove(ConditionTypes.SourceVerified);
            status.Remove("sourceVerificationMode");
        }

        if (spec.Include.Count == 0)
        {
            status.Remove("includedArtifacts");
            status.Remove("observedInclude");
            return;
        }

        status["includedArtifacts"] = new JsonArray([.. result.IncludedArtifacts.Select(a => (JsonNode)GitRepositoryReconciler.FromArtifact(a).ToJson())]);
        status["observedInclude"] = new JsonArray([.. spec.Include.Select(i =>
        {
            var entry = new JsonObject { ["repository"] = new JsonObject { ["name"] = i.Repository }, ["fromPath"] = i.FromPath };
            if (i.ToPath is not null)
            {
                entry["toPath"] = i.ToPath;
            }

            return (JsonNode)entry;
        })]);
    }

    /// <summary>
    /// The content fingerprint of the artifact in status, recomputed from observedIgnore, observedRecurseSubmodules,
    /// observedSparseCheckout, observedInclude and includedArtifacts, so an unchanged repository is not rebuilt after a
    /// controller restart either. Null when there is no artifact yet.
    /// </summary>
    public static string? ObservedContentConfig(KubeObject obj)
    {
        var status = obj.Json["status"];
        if (status?["artifact"] is null)
        {
            return null;
        }

        var included = (status["includedArtifacts"] as JsonArray ?? []).Select(ArtifactStatus.FromJson).ToList();
        var include = (status["observedInclude"] as JsonArray ?? []).OfType<JsonObject>().Select((entry, i) => new GitInclude
        {
            RepositoryName = (string?)entry["repository"]?["name"] ?? "",
            FromPath = (string?)entry["fromPath"] ?? "",
            ToPath = (string?)entry["toPath"],
            Artifact = i < included.Count && included[i] is { } a ? GitRepositoryReconciler.ToArtifact(a) : null,
        }).ToList();
        return GitRepositorySource.ContentConfig(new GitRepositoryRequest
        {
            Key = new Gyre.Sources.Artifacts.ArtifactKey(GitRepositorySpec.Kind, obj.Namespace ?? "", obj.Name),
            Url = "",
            Ignore = (string?)status["observedIgnore"],
            RecurseSubmodules = status["observedRecurseSubmodules"] is JsonValue v && v.TryGetValue<bool>(out var b) && b,
            SparseCheckout = (status["observedSparseCheckout"] as JsonArray ?? []).Select(n => (string?)n).OfType<string>().ToList(),
            Include = include,
        });
    }
}
