using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests.Buckets;

/// <summary>Buckets with provider azure, against the Shared Key/SAS-checking Azure Blob test server.</summary>
[Collection(ControllersCollection.Name)]
public sealed class AzureBucketTests(ControllersFixture rig) : IAsyncLifetime
{
    private AzureBlobTestServer _azure = null!;

    public async Task InitializeAsync() => _azure = await AzureBlobTestServer.StartAsync();

    public async Task DisposeAsync() => await _azure.DisposeAsync();

    private async Task ApplyAsync(string ns, string secretData)
    {
        await rig.ApplyAsync($"""
            apiVersion: v1
            kind: Secret
            metadata:
              name: azure-keys
              namespace: {ns}
            stringData:
            {secretData}
            ---
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: Bucket
            metadata:
              name: fleet
              namespace: {ns}
            spec:
              provider: azure
              interval: 10m
              bucketName: {ns}
              endpoint: {_azure.Endpoint}
              insecure: true
              secretRef:
                name: azure-keys
            """);
    }

    [Fact]
    public async Task A_container_read_with_the_account_key_is_applied_by_a_Kustomization()
    {
        var ns = await rig.NamespaceAsync("azure");
        _azure.Put(ns, "deploy/app.yaml", TestManifests.ConfigMap("app", "from", "azure"));
        await ApplyAsync(ns, $"  accountKey: {Convert.ToBase64String(_azure.AccountKey)}");
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./deploy", $"  targetNamespace: {ns}").Replace("kind: GitRepository", "kind: Bucket", StringComparison.Ordinal));

        var bucket = await rig.WaitForSourceAsync("Bucket", ns, "fleet", "True", "Succeeded");

        Assert.StartsWith("sha256:", (string?)bucket.Json["status"]!["artifact"]!["revision"], StringComparison.Ordinal);
        await rig.WaitForConditionAsync(ns, "app", "True", "ReconciliationSucceeded");
        Assert.Equal("azure", (string?)(await rig.GetAsync("v1", "ConfigMap", ns, "app"))!.Json["data"]!["from"]);
    }

    [Fact]
    public async Task A_SAS_token_reads_the_container()
    {
        var ns = await rig.NamespaceAsync("azure-sas");
        _azure.Put(ns, "app.yaml", "x");

        await ApplyAsync(ns, $"  sasKey: \"?sv=2021-08-06&sr=c&sp=rl&sig={Uri.EscapeDataString(_azure.SasSignature)}\"");

        await rig.WaitForSourceAsync("Bucket", ns, "fleet", "True", "Succeeded");
    }

    [Fact]
    public async Task A_service_principal_Secret_is_refused_by_name()
    {
        var ns = await rig.NamespaceAsync("azure-sp");
        _azure.Put(ns, "app.yaml", "x");

        await ApplyAsync(ns, "  tenantId: t\n  clientId: c\n  clientSecret: s");

        var failed = await rig.WaitForSourceAsync("Bucket", ns, "fleet", "False", "AuthenticationFailed", "Azure AD / managed identity authentication is not supported by Gyre");
        Assert.DoesNotContain("clientSecret: s", failed.Json.ToJsonString(), StringComparison.Ordinal);
    }
}
