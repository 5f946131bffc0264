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
}
