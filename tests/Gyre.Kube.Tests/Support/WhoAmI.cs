using System.Text.Json.Nodes;
using Gyre.Kube.Discovery;

namespace Gyre.Kube.Tests.Support;

/// <summary>`kubectl auth whoami` done by Gyre: creates a SelfSubjectReview and returns the status's userInfo.</summary>
public static class WhoAmI
{
    private static readonly ApiResource SelfSubjectReviews = new("authentication.k8s.io", "v1", "selfsubjectreviews", "SelfSubjectReview", false);

    public static async Task<JsonObject> UserInfoAsync(KubeClient client)
    {
        var review = new JsonObject { ["apiVersion"] = "authentication.k8s.io/v1", ["kind"] = "SelfSubjectReview", ["metadata"] = new JsonObject() };
        var answer = await client.Resource(SelfSubjectReviews).CreateAsync(review, null, TestTimeout.Token);
        return answer["status"]!["userInfo"]!.AsObject();
    }
}
