using System.Text.Json.Nodes;
using Gyre.Controllers.Tests.Support;
using Gyre.Kube;

namespace Gyre.Controllers.Tests.Buckets;

/// <summary>The Bucket CRD's CEL rules (Flux's seven), checked by creating objects on the local cluster.</summary>
[Collection(ControllersCollection.Name)]
public sealed class BucketValidationTests(ControllersFixture rig)
{
    public static TheoryData<string, string> Invalid() => new()
    {
        { """{"provider": "gcp", "sts": {"provider": "aws", "endpoint": "https://sts.example"}}""",
            "STS configuration is only supported for the 'aws' and 'generic' Bucket providers" },
        { """{"provider": "aws", "sts": {"provider": "ldap", "endpoint": "https://sts.example"}}""",
            "'aws' is the only supported STS provider for the 'aws' Bucket provider" },
        { """{"sts": {"provider": "aws", "endpoint": "https://sts.example"}}""",
            "'ldap' is the only supported STS provider for the 'generic' Bucket provider" },
        { """{"provider": "aws", "sts": {"provider": "aws", "endpoint": "https://sts.example", "secretRef": {"name": "s"}}}""",
            "spec.sts.secretRef is not required for the 'aws' STS provider" },
        { """{"provider": "aws", "sts": {"provider": "aws", "endpoint": "https://sts.example", "certSecretRef": {"name": "c"}}}""",
            "spec.sts.certSecretRef is not required for the 'aws' STS provider" },
        { """{"serviceAccountName": "sa"}""", "ServiceAccountName is not supported for the 'generic' Bucket provider" },
        { """{"provider": "aws", "serviceAccountName": "sa", "secretRef": {"name": "s"}}""", "cannot set both .spec.secretRef and .spec.serviceAccountName" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task The_cluster_rejects_a_spec_that_breaks_a_rule(string extra, string message)
    {
        var ns = await rig.NamespaceAsync("bucket-cel");

        var ex = await Assert.ThrowsAsync<KubeApiException>(() => CreateAsync(ns, extra));

        Assert.Equal("Invalid", ex.Reason);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"provider": "aws", "sts": {"provider": "aws", "endpoint": "https://sts.example"}, "serviceAccountName": "sa"}""")]
    [InlineData("""{"sts": {"provider": "ldap", "endpoint": "https://sts.example", "secretRef": {"name": "s"}, "certSecretRef": {"name": "c"}}}""")]
    [InlineData("""{"provider": "azure", "secretRef": {"name": "s"}}""")]
    public async Task The_cluster_accepts_a_spec_within_the_rules(string extra)
    {
        var ns = await rig.NamespaceAsync("bucket-cel");

        var created = await CreateAsync(ns, extra);

        Assert.Equal("60s", (string?)created["spec"]!["timeout"]);
    }

    private async Task<JsonObject> CreateAsync(string ns, string extra)
    {
        var spec = new JsonObject { ["bucketName"] = "fleet", ["endpoint"] = "127.0.0.1:9000", ["interval"] = "10m", ["suspend"] = true };
        foreach (var (key, value) in JsonNode.Parse(extra)!.AsObject())
        {
            spec[key] = value?.DeepClone();
        }

        var obj = new JsonObject
        {
            ["apiVersion"] = "source.toolkit.fluxcd.io/v1",
            ["kind"] = "Bucket",
            ["metadata"] = new JsonObject { ["name"] = "fleet", ["namespace"] = ns },
            ["spec"] = spec,
        };
        var resource = await rig.Client.ForKindAsync("source.toolkit.fluxcd.io/v1", "Bucket", CancellationToken.None);
        return await resource.CreateAsync(obj, null, CancellationToken.None);
    }
}
